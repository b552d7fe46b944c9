#!/usr/bin/env python3
"""Groups the samples of a `perf record -g` of optout-milter by what the milter was doing.

    perf script -i perf.data -F comm,tid,ip,sym,dso | swift demangle --simplified \
        | python3 profile-breakdown.py MS_PER_MESSAGE

Each sample goes to the first group whose frame appears in its call chain (innermost work
first: the classifier before the session that called it), else, outside optout-milter's
callbacks, to the kernel system call it was in or to user space (libmilter, libc). PCRE2's JIT
code and libpcre2 have no frame pointers, so their samples lose their callers: they are counted
with the classifier, the only user of PCRE2. MS_PER_MESSAGE (the milter CPU per message measured
alongside) turns shares into ms per message.
"""
import collections
import re
import sys

# (group, frame text to look for), the first match wins.
GROUPS = [
    ("classifier", "MarketingClassifier.classify"),
    ("policy (Policy.decide)", "Policy.decide"),
    ("audit record (JSON encoding, write)", "AuditLog.write"),
    ("scanner: body", "MessageScanner.feed"),
    ("scanner: headers", "MessageScanner.header"),
    ("scanner: end of headers, finish", "MessageScanner.endOfHeaders"),
    ("scanner: end of headers, finish", "MessageScanner.finish"),
    ("session: rest (MAIL, RCPT lookups, header bookkeeping, end-of-message glue)", "OptOutSession."),
    ("binding: Swift callbacks around the session", "MilterCallbacks"),
    ("binding: Swift callbacks around the session", "MilterDescriptor"),
    ("binding: Swift callbacks around the session", "MilterConnection"),
]
# The system call a kernel sample is in: its entry point, or the libc wrapper that made it.
SYSCALL = re.compile(r"__(?:x64|ia32)_sys_(\w+)|\bksys_(\w+)")
LIBC_WRAPPER = re.compile(r"\s(?:__GI___|__)?(poll|read|writev|write|recvmsg|sendmsg|accept4?|close|futex\w*)\s\(")


def samples(lines):
    chain = []
    for line in lines:
        if line.strip():
            chain.append(line.rstrip("\n"))
        elif chain:
            yield chain
            chain = []
    if chain:
        yield chain


def group(chain):
    frames = chain[1:]
    text = "\n".join(frames)
    for name, needle in GROUPS:
        if needle in text:
            return name
    leaf = frames[0] if frames else ""
    if "[JIT]" in leaf or "perf-" in leaf or "libpcre2" in leaf:
        return "classifier"
    if "kernel" in leaf:
        for frame in frames:
            call = SYSCALL.search(frame)
            if call:
                return f"kernel, system call {call.group(1) or call.group(2)} (libmilter's I/O and threads)"
        for frame in frames:
            if "kernel" not in frame:
                call = LIBC_WRAPPER.search(frame)
                if call:
                    return f"kernel, system call {call.group(1)} (libmilter's I/O and threads)"
                break
        return "kernel, no system call found (scheduling, faults, interrupts)"
    if "libmilter" in leaf:
        return "libmilter user space"
    if "libc.so" in leaf:
        return "libc outside callbacks (malloc/free whose callers perf lost, poll/read wrappers)"
    return "other user space outside callbacks"


def main():
    per_message = float(sys.argv[1]) if len(sys.argv) > 1 else None
    counts = collections.Counter(group(chain) for chain in samples(sys.stdin))
    total = sum(counts.values())
    if total == 0:
        sys.exit("no samples")
    print(f"{total} samples" + (f"; {per_message:.3f} ms milter CPU per message" if per_message else ""))
    for name, n in counts.most_common():
        share = n / total
        ms = f"{share * per_message:6.3f} ms" if per_message else ""
        print(f"{100 * share:6.1f}%  {ms}  {name}")


if __name__ == "__main__":
    main()
