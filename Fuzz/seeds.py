#!/usr/bin/env python3
"""Writes the seed corpus of one fuzz target from files of the repository (nothing is copied into it).

Usage: Fuzz/seeds.py config|rules|address OUTDIR
  config:  contrib/optout-milter.yaml, the README's YAML blocks, the YAML in Tests/OptOutMilterTests
  rules:   the built-in pack (Sources/MarketingClassifier/BuiltinRules.swift), docs/RULES.md's YAML
           blocks, the rule files written in Tests/MarketingClassifierTests
  address: the addresses and entries of Tests/SuppressionTests (fixtures and string literals) and
           docs/SUPPRESSION.md
Each seed is named by its SHA-1, so running it again adds nothing twice.
"""
import csv
import glob
import hashlib
import io
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8", errors="replace") as f:
        return f.read()


def files(pattern):
    return sorted(glob.glob(os.path.join(ROOT, pattern)))


def unescape(text):
    """Resolves the escapes of a (non-raw) Swift string literal that test YAML uses."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            if n == "u" and text[i + 2 : i + 3] == "{":
                end = text.find("}", i)
                try:
                    out.append(chr(int(text[i + 3 : end], 16)))
                    i = end + 1
                    continue
                except ValueError:
                    pass
            out.append({"n": "\n", "t": "\t", "r": "\r", "0": "\0", '"': '"', "'": "'", "\\": "\\"}.get(n, "\\" + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def multiline_literals(source):
    """The contents of `\"\"\"` and `#\"\"\"` literals, indentation stripped as Swift does."""
    pattern = re.compile(r'(#?)"""[ \t]*\n(.*?)\n([ \t]*)"""', re.S)
    for match in pattern.finditer(source):
        raw, body, indent = match.group(1), match.group(2), match.group(3)
        lines = [line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in body.split("\n")]
        text = "\n".join(lines) + "\n"
        yield text if raw else unescape(text)


def line_literals(source):
    """One-line string literals."""
    for match in re.finditer(r'(?<![#"])"((?:[^"\\\n]|\\.)*)"', source):
        yield unescape(match.group(1))


def markdown_blocks(text, language="yaml"):
    return re.findall(r"```" + language + r"\n(.*?)```", text, re.S)


def config_seeds():
    yield read("contrib/optout-milter.yaml")
    yield from markdown_blocks(read("README.md"))
    for path in files("Tests/OptOutMilterTests/*.swift") + files("Tests/HTTPServerTests/*.swift"):
        source = read(path)
        for text in multiline_literals(source):
            if ":" in text:
                yield text
        for text in line_literals(source):
            if "\n" in text and ":" in text:
                yield text


def rules_seeds():
    builtin = read("Sources/MarketingClassifier/BuiltinRules.swift")
    yield from multiline_literals(builtin)
    yield from markdown_blocks(read("docs/RULES.md"))
    for path in files("Tests/MarketingClassifierTests/*.swift"):
        for text in multiline_literals(read(path)):
            if text.startswith("  - ") or text.startswith("- "):
                yield "rules:\n" + text  # a list of rules the test wraps in a file
            elif "rules:" in text or "id:" in text:
                yield text


def address_seeds():
    fixtures = "Tests/SuppressionTests/Fixtures/"
    for path in files(fixtures + "*.txt"):
        yield from read(path).splitlines()
    for path in files(fixtures + "*.csv"):
        text = read(path)
        dialect = "excel-tab" if "\t" in text.split("\n", 1)[0] else "excel"
        for row in csv.reader(io.StringIO(text), dialect=dialect):
            yield from row[:1]
    for path in files("Tests/SuppressionTests/*.swift"):
        for text in line_literals(read(path)):
            if "@" in text or re.fullmatch(r"(sha256:|md5:)?[0-9a-fA-F]{32,64}", text):
                yield text
    for text in re.findall(r"`([^`\n]*@[^`\n]*)`", read("docs/SUPPRESSION.md")):
        yield text


def main():
    target, out = sys.argv[1], sys.argv[2]
    seeds = {"config": config_seeds, "rules": rules_seeds, "address": address_seeds}[target]()
    os.makedirs(out, exist_ok=True)
    count = 0
    for seed in seeds:
        data = seed.encode("utf-8")
        path = os.path.join(out, hashlib.sha1(data).hexdigest())
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(data)
            count += 1
    print(f"seeds: {count} new for {target}")


if __name__ == "__main__":
    main()
