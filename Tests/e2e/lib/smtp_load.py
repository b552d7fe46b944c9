#!/usr/bin/env python3
"""Parallel SMTP sender for the e2e harness: N sessions, each sending messages back to back.

Every message carries a unique X-E2E-Token header. One line per message goes to --out:
    TOKEN CODE QUEUE_ID STAGE
CODE is the reply that decided the message (250 at end of DATA = accepted by the MTA), QUEUE_ID
is parsed from the 250 reply ("-" otherwise), STAGE is where it ended (mail, rcpt, data, conn).
A message whose DATA reply never came (connection lost) is recorded as CODE 0: not accepted
as far as the client knows.

By default each message is a small plain text from a@example.org to b@example.com; --message
sends a message file instead (its headers and body, with the token headers put first), and
--from and --rcpt (repeatable) set the envelope. Every body ends with a line "E2E-END TOKEN", so a
reader of the sink's dumps can tell a complete message from one still being written.

The run ends when --stop-file appears, when --seconds pass, or when every session has sent
--per-session messages; it is always bounded by --seconds.
"""
import argparse
import os
import re
import smtplib
import threading
import time

QUEUE_ID = [
    re.compile(r"queued as ([0-9A-Za-z]+)"),                   # Postfix
    re.compile(r"^2\.0\.0 ([0-9A-Za-z]+) Message accepted"),   # Sendmail
]


def queue_id(text):
    for pattern in QUEUE_ID:
        m = pattern.search(text)
        if m:
            return m.group(1)
    return "-"


class Recorder:
    def __init__(self, path):
        self.lock = threading.Lock()
        self.file = open(path, "w", buffering=1)

    def record(self, token, code, text, stage):
        with self.lock:
            self.file.write(f"{token} {code} {queue_id(text) if code == 250 else '-'} {stage}\n")


def message(token, size, template=None):
    ids = f"Message-ID: <{token}@e2e.example.org>\r\nX-E2E-Token: {token}\r\n"
    end = f"E2E-END {token}\r\n"
    if template is not None:
        return ids + template.rstrip("\r\n") + "\r\n" + end
    body = ("optout-milter e2e load line\r\n" * (size // 29 + 1))[:size]
    return (f"From: <a@example.org>\r\nTo: <b@example.com>\r\nSubject: load {token}\r\n"
            f"{ids}\r\n{body}\r\n{end}")


def read_template(path):
    if path is None:
        return None
    with open(path, encoding="utf-8") as f:
        return "\r\n".join(f.read().splitlines())


def session(args, index, recorder, stop):
    sent = 0
    while not stop.is_set() and sent < args.per_session:
        try:
            client = smtplib.SMTP("127.0.0.1", args.port, timeout=30)
            client.ehlo("load.e2e.example.org")
        except (OSError, smtplib.SMTPException):
            stop.wait(0.05)  # pacing while the MTA is unreachable, not synchronisation
            continue
        try:
            while not stop.is_set() and sent < args.per_session:
                token = f"{args.prefix}-{index}-{sent}"
                sent += 1
                stage = "mail"
                try:
                    code, text = client.mail(args.sender)
                    for rcpt in args.rcpt:
                        if code != 250:
                            break
                        stage = "rcpt"
                        code, text = client.rcpt(rcpt)
                    if code == 250:
                        stage = "data"
                        code, text = client.data(message(token, args.size, args.template))
                except smtplib.SMTPServerDisconnected:
                    recorder.record(token, 0, "", stage)
                    break
                except smtplib.SMTPResponseException as e:
                    code, text = e.smtp_code, e.smtp_error
                text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
                recorder.record(token, code, text, stage)
                if code != 250:
                    client.rset()
                    stop.wait(0.05)  # pacing while the MTA tempfails, not synchronisation
                    if args.reconnect_on_refusal:
                        break
        except (OSError, smtplib.SMTPException):
            pass
        finally:
            try:
                client.quit()
            except (OSError, smtplib.SMTPException):
                client.close()


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--per-session", type=int, default=1_000_000)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--size", type=int, default=2048)
    p.add_argument("--prefix", default="e2e")
    p.add_argument("--message", help="a message file to send instead of the built-in text")
    p.add_argument("--from", dest="sender", default="a@example.org")
    p.add_argument("--rcpt", action="append", help="a recipient (repeatable; default b@example.com)")
    # Sendmail keeps a milter it could not reach at connect as failed for the whole SMTP session:
    # a client that defers and comes back (a new session) is what sees a restarted milter.
    p.add_argument("--reconnect-on-refusal", action="store_true",
                   help="after a message is refused, end the session and open a new one")
    p.add_argument("--stop-file")
    p.add_argument("--out", required=True)
    args = p.parse_args()
    args.rcpt = args.rcpt or ["b@example.com"]
    args.template = read_template(args.message)

    recorder = Recorder(args.out)
    stop = threading.Event()
    threads = [threading.Thread(target=session, args=(args, i, recorder, stop), daemon=True)
               for i in range(args.sessions)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + args.seconds
    while any(t.is_alive() for t in threads):
        if time.monotonic() >= deadline or (args.stop_file and os.path.exists(args.stop_file)):
            stop.set()
        stop.wait(0.05)  # polling the stop file and the deadline
    for t in threads:
        t.join(timeout=35)


if __name__ == "__main__":
    main()
