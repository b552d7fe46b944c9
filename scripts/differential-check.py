#!/usr/bin/env python3
"""Differential check of the MailScanner against Python's `email` package (policy=default).

For every message: the decoded Subject and the decoded text of each text part (text/plain and text/html
leaves that are not attachments, in document order; HTML compared as decoded source) must be the same
after white-space normalisation. Prints the agreement rate and every disagreement.

Deliberate differences (the scanner follows RFC 2045 or what mail clients do where Python does not) can
be listed in a --known file, one `FILE-NAME  reason` per line: they are reported as explained, and a
listed file that agrees fails the check so the list stays true.

Usage:
  scripts/differential-check.py --scanner .build/debug/optout-milter [--min-agreement 0.99] PATH...
  scripts/differential-check.py --results scanned.jsonl PATH...     (results already computed, in order)
PATH is an .eml file or a directory (its *.eml files, sorted). Exit status 1 when the agreement rate is
below --min-agreement (default 1.0), 2 on usage errors.
"""
import argparse
import codecs
import email
import email.policy
import email.header
import email.utils
import json
import os
import re
import subprocess
import sys

MAX_BYTES = 2 * 1024 * 1024


def expand(paths):
    files = []
    for path in paths:
        if os.path.isdir(path):
            files.extend(sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith(".eml")))
        elif os.path.exists(path):
            files.append(path)
    return files


def run_scanner(binary, files):
    results = []
    for start in range(0, len(files), 200):
        batch = files[start:start + 200]
        out = subprocess.run([binary, "scan", "--json", "--source", *batch], check=True, capture_output=True)
        lines = out.stdout.decode("utf-8").splitlines()
        if len(lines) != len(batch):
            sys.exit(f"scanner printed {len(lines)} results for {len(batch)} files")
        results.extend(json.loads(line) for line in lines)
    return results


def normalise(text):
    return " ".join((text or "").split())


def _whatwg_1252(error):
    # WHATWG windows-1252 maps the five bytes Python's cp1252 leaves undefined to the C1 controls.
    return "".join(chr(b) for b in error.object[error.start:error.end]), error.end


codecs.register_error("whatwg1252", _whatwg_1252)


def sniff(data):
    """The scanner's fallback for unlabelled 8-bit bytes: UTF-8 when valid, else windows-1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="whatwg1252")


# Labels the scanner reads as mail clients do (WHATWG Encoding Standard) rather than literally; with
# --literal-charsets the reference uses Python's codec for the label as written.
ASCII_LABELS = {"us-ascii", "ascii", "us", "ansi_x3.4-1968", "iso646-us", "unknown-8bit", "x-unknown", "default",
                "unknown", "charset", "none", ""}
LABEL_MAP = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "iso_8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "cp819": "cp1252", "iso_8859-1:1987": "cp1252",
    "gb2312": "gb18030", "gbk": "gb18030", "euc-cn": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932",
    "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "ks_c_5601": "cp949",
    "big5": "big5hkscs", "iso-2022-jp": "iso2022_jp_2",
}
LITERAL = False


def decode_labelled(payload, label):
    label = (label or "").strip().strip('"').lower().split("*")[0]
    if not LITERAL:
        if label in ASCII_LABELS:
            return sniff(payload)
        label = LABEL_MAP.get(label, label)
        if label == "cp1252":
            return payload.decode("cp1252", errors="whatwg1252")
    try:
        return payload.decode(label, errors="replace")
    except LookupError:
        return sniff(payload)


def unescape_surrogates(text):
    """Python keeps raw 8-bit header bytes as surrogate escapes; read them as the scanner does."""
    if not re.search("[\udc80-\udcff]", text):
        return text
    return sniff(text.encode("utf-8", "surrogateescape"))


def reference_text(part):
    payload = part.get_payload(decode=True) or b""
    charset = part.get_param("charset")
    if isinstance(charset, tuple):
        charset = email.utils.collapse_rfc2231_value(charset)
    if LITERAL and not charset:
        return payload.decode("ascii", errors="replace")
    return decode_labelled(payload, str(charset or ""))


def raw_subject(raw):
    """The Subject with Python's replacement characters undone: raw 8-bit bytes read as the scanner does."""
    old = email.message_from_bytes(raw, policy=email.policy.compat32)
    value = next((v for k, v in old._headers if k.lower() == "subject"), None)  # raw, surrogate-escaped
    if value is None:
        return None
    if "=?" in value:
        # Encoded words: decode each with the label mapping the scanner uses.
        return "".join(
            decode_labelled(chunk, charset) if isinstance(chunk, bytes) else chunk
            for chunk, charset in email.header.decode_header("".join(value.splitlines()))
        )
    return unescape_surrogates("".join(value.splitlines()))


def reference(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    subject = msg.get("subject")
    subject = None if subject is None else unescape_surrogates(str(subject))
    if subject is not None and re.search("[\ufffd\x80-\x9f]", subject) and not LITERAL:
        subject = raw_subject(raw) or subject
    parts = []

    def visit(part, under_status):
        if part.is_multipart():
            status = under_status or part.get_content_type() == "message/delivery-status"
            for sub in part.get_payload():
                visit(sub, status)
            return
        if under_status:
            return
        ctype = part.get_content_type()
        if ctype in ("text/plain", "text/html") and part.get_content_disposition() != "attachment":
            parts.append((ctype, reference_text(part)))

    visit(msg, False)
    return subject, parts


def compare(raw, scanned):
    """Returns a list of differences (empty when the scanner agrees)."""
    if len(raw) > MAX_BYTES:
        return []  # the scanner stops at its byte limit by design; not comparable
    subject, parts = reference(raw)
    problems = []
    if normalise(subject) != normalise(scanned.get("subject")):
        problems.append(f"subject: python {subject!r} scanner {scanned.get('subject')!r}")
    mine = [
        (p["contentType"], p.get("decodedSource") if p["kind"] == "html" else p["text"])
        for p in scanned["textParts"]
    ]
    if len(mine) != len(parts):
        problems.append(
            f"text parts: python {[t for t, _ in parts]} scanner {[t for t, _ in mine]}"
        )
    for index, ((ptype, ptext), (mtype, mtext)) in enumerate(zip(parts, mine)):
        a, b = normalise(ptext), normalise(mtext)
        if ptype != mtype or a != b:
            at = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            problems.append(
                f"part {index + 1} ({ptype} / {mtype}) differs at {at}: "
                f"python {a[max(0, at - 40):at + 40]!r} scanner {b[max(0, at - 40):at + 40]!r}"
            )
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scanner", help="path to the optout-milter executable")
    parser.add_argument("--results", help="JSON lines from `optout-milter scan --json --source`, in file order")
    parser.add_argument("--min-agreement", type=float, default=1.0)
    parser.add_argument("--label", default="messages")
    parser.add_argument("--known", help="file of `name  reason` lines: deliberate, explained differences")
    parser.add_argument("--literal-charsets", action="store_true",
                        help="decode with Python's codec for each label as written (no WHATWG label mapping)")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    global LITERAL
    LITERAL = args.literal_charsets
    files = expand(args.paths)
    if not files:
        print(f"differential check ({args.label}): no messages found")
        return 0
    if args.results:
        with open(args.results, encoding="utf-8") as handle:
            results = [json.loads(line) for line in handle if line.strip()]
    elif args.scanner:
        results = run_scanner(args.scanner, files)
    else:
        parser.error("one of --scanner or --results is required")
    if len(results) != len(files):
        parser.error(f"{len(results)} results for {len(files)} files")
    known = {}
    if args.known:
        with open(args.known, encoding="utf-8") as handle:
            for line in handle:
                line = line.strip()
                if line and not line.startswith("#"):
                    name, _, reason = line.partition(" ")
                    known[name] = reason.strip()
    agree = 0
    explained = 0
    stale = []
    for path, scanned in zip(files, results):
        with open(path, "rb") as handle:
            raw = handle.read()
        try:
            problems = compare(raw, scanned)
        except Exception as error:  # a reference crash is reported, not hidden
            problems = [f"python email failed: {type(error).__name__}: {error}"]
        name = os.path.basename(path)
        if problems and name in known:
            explained += 1
            print(f"KNOWN    {path}: {known[name]}")
            for problem in problems:
                print(f"    {problem}")
        elif problems:
            print(f"DISAGREE {path}")
            for problem in problems:
                print(f"    {problem}")
        else:
            agree += 1
            if name in known:
                stale.append(name)
    rate = agree / len(files)
    print(
        f"differential check ({args.label}): {agree}/{len(files)} agree ({rate:.1%}), "
        f"{explained} known and explained, {len(files) - agree - explained} unexplained"
    )
    for name in stale:
        print(f"listed as a known difference but agrees: {name} (update {args.known})")
    ok = (agree + explained) / len(files) >= args.min_agreement and not stale
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
