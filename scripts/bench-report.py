#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the logs of one `make bench` run (scripts/bench-report.sh).

    bench-report.py --meta META --e2e E2E_LOG --suite NAME=LOG... > BENCHMARKS.md

META is a file of `key: value` lines (machine, date, commands, ...) written by bench-report.sh.
The e2e log is Benchmarks/e2e/bench.sh's output; each suite log is package-benchmark's text
output. Every figure an issue set a budget for is checked against it here, so the report says
met or NOT MET from the numbers of this run, never from an earlier one.
"""

import re
import sys

BOX_ROW = re.compile(r"^\s*│(.*)│\s*$")
TIME_UNITS_IN_MS = {"ns": 1e-6, "μs": 1e-3, "us": 1e-3, "ms": 1.0, "s": 1000.0}


def number(text):
    text = text.strip().replace(",", "")
    scale = 1.0
    if text[-1:] in ("K", "M", "G"):
        scale = {"K": 1e3, "M": 1e6, "G": 1e9}[text[-1]]
        text = text[:-1]
    return float(text) * scale


def metric_scale(metric):
    """The factor that turns the table's numbers into plain units: `(K)` in a metric's name
    means thousands, `(M)` millions; a time unit is reported separately."""
    scale = 1.0
    for token in re.findall(r"\(([^)]*)\)", metric):
        scale *= {"K": 1e3, "M": 1e6, "G": 1e9}.get(token, 1.0)
    return scale


def time_unit(metric):
    for token in re.findall(r"\(([^)]*)\)", metric):
        if token in TIME_UNITS_IN_MS:
            return token
    return None


def parse_suite(path):
    """[(benchmark title, metric, {column: value})] from package-benchmark's text output."""
    tables = []
    title = header = None
    with open(path, encoding="utf-8", errors="replace") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            row = BOX_ROW.match(line)
            if row:
                cells = [cell.strip() for cell in row.group(1).split("│")]
                if cells[0] == "Metric":
                    header = cells
                elif header and title:
                    values = {}
                    for name, cell in zip(header[1:], cells[1:]):
                        try:
                            scale = 1.0 if name == "Samples" else metric_scale(cells[0])
                            values[name] = number(cell) * scale
                        except ValueError:
                            pass
                    tables.append((title, cells[0], values))
                continue
            stripped = line.strip()
            if stripped and stripped[0] not in "╒╞╘├┌└═─=":
                title, header = stripped, None
    return tables


def find(tables, benchmark, metric, column):
    """(value, metric name) of the first row whose title and metric match the regexes."""
    for title, name, values in tables:
        if re.search(benchmark, title) and re.search(metric, name) and column in values:
            return values[column], name, title
    return None, None, None


def in_ms(value, metric):
    unit = time_unit(metric)
    return value * TIME_UNITS_IN_MS[unit] if unit else value


class Budget:
    """One figure of a suite against the budget an issue set for it."""

    def __init__(self, label, benchmark, metric, column, limit, unit, issue, larger=False, convert=None):
        self.label, self.benchmark, self.metric, self.column = label, benchmark, metric, column
        self.limit, self.unit, self.issue, self.larger, self.convert = limit, unit, issue, larger, convert

    def row(self, tables):
        value, metric, title = find(tables, self.benchmark, self.metric, self.column)
        if value is None:
            return f"| {self.label} | not measured | {self.bound()} | {self.issue} | n/a |"
        if self.convert:
            value = self.convert(value, metric, title)
        elif self.unit in ("ms", "s"):
            value = in_ms(value, metric) / (1000.0 if self.unit == "s" else 1.0)
        met = value >= self.limit if self.larger else value <= self.limit
        return f"| {self.label} | {format_value(value)} {self.unit} | {self.bound()} | {self.issue} | {'met' if met else '**NOT MET**'} |"

    def bound(self):
        return f"{'≥' if self.larger else '≤'} {format_value(self.limit)} {self.unit}"


def format_value(value):
    if value == int(value):
        return f"{int(value):,}"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"


def corpus_megabytes_per_second(value, metric, title):
    match = re.search(r"([0-9]+) bytes\)", title)
    seconds = in_ms(value, metric) / 1000.0
    return int(match.group(1)) / 1e6 / seconds if match and seconds > 0 else 0.0


BUDGETS = {
    "Scanner": [
        Budget("50 KB HTML message, scan p50", r"^Scan 50 KB HTML marketing message \(", r"wall clock", "p50", 0.5, "ms", "#3"),
        Budget(
            "50 KB HTML message, milter path p50",
            r"^Scan 50 KB HTML marketing message, milter path",
            r"wall clock",
            "p50",
            0.5,
            "ms",
            "#3",
        ),
        Budget(
            "whole shared corpus, throughput at p50",
            r"^Scan the whole",
            r"wall clock",
            "p50",
            100,
            "MB/s",
            "#3",
            larger=True,
            convert=corpus_megabytes_per_second,
        ),
    ],
    "Classifier": [
        Budget("scan + classify 50 KB HTML campaign, p99", r"^Scan \+ classify 50 KB HTML campaign$", r"wall clock", "p99", 1.0, "ms", "#4"),
        Budget(
            "scan + classify, shipped model, p99",
            r"^Scan \+ classify 50 KB HTML campaign, shipped model",
            r"wall clock",
            "p99",
            1.0,
            "ms",
            "#4, #15",
        ),
    ],
    "Suppression": [
        Budget("import 10 M lines", r"^Import 10M", r"wall clock", "p50", 60, "s", "#5"),
        Budget("snapshot build, 10 M", r"^Snapshot build 10M", r"wall clock", "p50", 20, "s", "#5"),
        Budget("snapshot resident memory, 10 M", r"^Snapshot build 10M", r"resident bytes per entry", "p50", 32, "B/entry", "#5"),
        Budget("lookup p50 per call, 10 M mixed list", r"^Lookup 10M \(per-call", r"^p50 ns( \*)?$", "p50", 300, "ns", "#5, #14"),
        Budget("lookup p99 per call, 10 M mixed list", r"^Lookup 10M \(per-call", r"^p99 ns( \*)?$", "p50", 1000, "ns", "#5"),
        Budget("lookup p50 per call, 10 M addresses only", r"^Lookup 10M addresses only \(per-call", r"^p50 ns( \*)?$", "p50", 300, "ns", "#5, #14"),
        Budget("lookup p99 per call, 10 M addresses only", r"^Lookup 10M addresses only \(per-call", r"^p99 ns( \*)?$", "p50", 1000, "ns", "#5"),
        Budget(
            "lookup p99 while a 10 M snapshot is rebuilt",
            r"^Reload 10M while serving",
            r"^p99 ns during reload",
            "p50",
            1000,
            "ns",
            "#5, #14",
        ),
    ],
}


def e2e_section(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().splitlines()
    start = next((i for i, line in enumerate(lines) if " bytes) with smtp-source" in line), None)
    end = next((i for i, line in enumerate(lines) if line.startswith("policy:")), None)
    if start is None or end is None:
        return "The end-to-end benchmark did not finish; its log is kept beside the run.\n", False
    return "```\n" + "\n".join(lines[start : end + 1]) + "\n```\n", "NOT MET" not in "\n".join(lines[start:end])


def main(argv):
    meta_path = argv[argv.index("--meta") + 1]
    e2e_path = argv[argv.index("--e2e") + 1] if "--e2e" in argv else None
    suites = [arg.split("=", 1) for arg in argv[argv.index("--suite") + 1 :]] if "--suite" in argv else []
    meta = {}
    with open(meta_path, encoding="utf-8") as handle:
        for line in handle:
            if ": " in line:
                key, value = line.rstrip("\n").split(": ", 1)
                meta[key] = value
    out = []
    out.append("# Benchmarks\n")
    out.append(
        "Written by `make bench` (`scripts/bench-report.sh`) from one run: every figure below comes "
        "from the same run on the same machine, and each one an issue set a budget for is checked "
        "against it by the script. Ratios are measured side by side (interleaved rounds), so load "
        "on the shared machine hits every configuration alike; absolute figures move with that load.\n"
    )
    out.append("| | |\n|---|---|")
    for key in ("date", "duration", "commit", "machine", "cpu", "memory", "system", "swift", "postfix", "libmilter", "load before", "load after"):
        if key in meta:
            out.append(f"| {key} | {meta[key]} |")
    out.append("")
    out.append("## End to end: Postfix with no milter, the C no-op and optout-milter\n")
    out.append(
        "A real 62 KB HTML newsletter from the shared corpus to 5 recipients, one of them suppressed, "
        "through private Postfix instances relaying to `smtp-sink`. optout-milter runs the full policy "
        "of the example configuration (scan, classify, 5 lookups, remove the suppressed recipient, "
        "header, audit line, metrics on). The C no-op registers end of message only; the "
        "\"reading every stage\" no-op receives every stage optout-milter receives. What each "
        "configuration is and how CPU is counted: docs/BENCHMARKS-E2E.md. Targets (#10, #14): "
        "≥ 0.90× the C no-op's msg/s on each socket kind at ≤ 1.8 ms milter CPU per message.\n"
    )
    if meta.get("e2e command"):
        out.append(f"```\n{meta['e2e command']}\n```\n")
    if e2e_path:
        text, _ = e2e_section(e2e_path)
        out.append(text)
    else:
        out.append("Not run (BENCH_E2E=0).\n")
    for name, path in suites:
        tables = parse_suite(path)
        out.append(f"## {name}\n")
        command = meta.get(f"{name} command")
        if command:
            out.append(f"```\n{command}\n```\n")
        if meta.get(f"{name} status"):
            out.append(f"**Note:** {meta[f'{name} status']}.\n")
        budgets = BUDGETS.get(name, [])
        if budgets:
            out.append("| figure | this run | budget | issue | |\n|---|---|---|---|---|")
            out.extend(budget.row(tables) for budget in budgets)
            out.append("")
        out.append("Every benchmark of the suite, p50 (wall clock unless the metric says otherwise):\n")
        out.append("| benchmark | metric | p50 | p99 | samples |\n|---|---|---|---|---|")
        for title, metric, values in tables:
            # The CPU-time metric counts in 10 ms ticks: zero or one tick per iteration here.
            if "p50" not in values or "total CPU" in metric:
                continue
            p99 = values.get("p99")
            samples = values.get("Samples")
            label = re.sub(r" \((K|M|G)\)| \*", "", metric)
            out.append(
                f"| {title} | {label} | {format_value(values['p50'])} | "
                f"{format_value(p99) if p99 is not None else ''} | {int(samples) if samples else ''} |"
            )
        out.append("")
    sys.stdout.write("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
