#!/usr/bin/env python3
"""Reads optout-milter's audit file (JSON Lines) for the e2e harness and checks one message's record.

    audit.py FILE TOKEN [CHECK...]

The record is the one line whose message_id contains TOKEN (the harness puts TOKEN into each
message's Message-ID). Exit 0 and print a one-line summary when there is exactly one such
record and every CHECK holds; exit 1 and print what differs otherwise; exit 3 when there is no
record at all (so that a caller can poll for it).

CHECK is one of
    KEY=VALUE          the record's KEY equals VALUE (true/false/null for JSON literals, numbers
                       compared as numbers, anything else as a string)
    KEY~TEXT           the record's KEY, as text, contains TEXT (case-insensitive)
    rcpt:ADDR=SUPPRESSED,OUTCOME
                       the recipient ADDR is listed with that suppressed flag (true/false) and
                       outcome; OUTCOME may be "*" for any
    rcpts=N            exactly N recipients are listed
    none               there must be no record for TOKEN at all (exit 0 when there is none)
Every record must carry the keys every audit line has (REQUIRED below).
"""
import json
import sys

# declared_category is left out when the message declares none (JSON null and an absent key
# read the same).
REQUIRED = ["time", "queue_id", "message_id", "sender", "recipients", "verdict", "score", "rules",
            "mislabelled", "action", "mode", "generation"]


def literal(text):
    if text in ("true", "false", "null"):
        return json.loads(text)
    try:
        return float(text)
    except ValueError:
        return text


def same(actual, expected):
    if isinstance(expected, bool) or expected is None:
        return actual is expected
    if isinstance(expected, float):
        return isinstance(actual, (int, float)) and not isinstance(actual, bool) and actual == expected
    return isinstance(actual, str) and actual == expected


def records(path, token):
    found, bad = [], 0
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    bad += 1
                    continue
                if token in str(record.get("message_id", "")):
                    found.append(record)
    except FileNotFoundError:
        pass
    return found, bad


def summary(r):
    rcpts = " ".join(f"{x.get('address')}:{'S' if x.get('suppressed') else '-'}:{x.get('outcome')}"
                     for x in r.get("recipients") or [])
    extra = f" redirect_to={r['redirect_to']}" if "redirect_to" in r else ""
    return (f"verdict={r.get('verdict')} score={r.get('score')} action={r.get('action')} "
            f"mode={r.get('mode')} mislabelled={r.get('mislabelled')} "
            f"declared={r.get('declared_category')} gen={r.get('generation')} "
            f"queue_id={r.get('queue_id')} rcpts=[{rcpts}]{extra}")


def main():
    path, token, checks = sys.argv[1], sys.argv[2], sys.argv[3:]
    found, bad = records(path, token)
    if bad:
        print(f"{bad} audit line(s) in {path} are not JSON")
        return 1
    if checks == ["none"]:
        if found:
            print(f"expected no audit record, found {len(found)}: {summary(found[0])}")
            return 1
        print("no audit record")
        return 0
    if not found:
        print(f"no audit record with message_id containing {token}")
        return 3
    if len(found) > 1:
        print(f"{len(found)} audit records for one message: " + " | ".join(summary(r) for r in found))
        return 1
    r = found[0]
    problems = [f"missing key {k}" for k in REQUIRED if k not in r]
    by_address = {str(x.get("address", "")).strip("<>").lower(): x for x in r.get("recipients") or []}
    for check in checks:
        if check.startswith("rcpt:"):
            address, _, want = check[5:].partition("=")
            suppressed, _, outcome = want.partition(",")
            entry = by_address.get(address.lower())
            if entry is None:
                problems.append(f"recipient {address} not listed")
            elif entry.get("suppressed") is not literal(suppressed):
                problems.append(f"{address}: suppressed={entry.get('suppressed')}, expected {suppressed}")
            elif outcome != "*" and entry.get("outcome") != outcome:
                problems.append(f"{address}: outcome={entry.get('outcome')}, expected {outcome}")
        elif check.startswith("rcpts="):
            if len(by_address) != int(check[6:]):
                problems.append(f"{len(by_address)} recipients listed, expected {check[6:]}")
        elif "~" in check and ("=" not in check or check.index("~") < check.index("=")):
            key, _, text = check.partition("~")
            value = r.get(key)
            shown = ",".join(map(str, value)) if isinstance(value, list) else str(value)
            if text.lower() not in shown.lower():
                problems.append(f"{key}={shown!r}, expected it to contain {text!r}")
        else:
            key, _, text = check.partition("=")
            if not same(r.get(key), literal(text)):
                problems.append(f"{key}={r.get(key)!r}, expected {text}")
    if problems:
        print("; ".join(problems) + f" (record: {summary(r)})")
        return 1
    print(summary(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
