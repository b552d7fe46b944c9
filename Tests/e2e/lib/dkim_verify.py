#!/usr/bin/python3
"""Verifies the DKIM signature of a delivered message, without DNS.

    /usr/bin/python3 dkim_verify.py MESSAGE_FILE PUBLIC_KEY_FILE [INDEX]

MESSAGE_FILE is a message as the sink stored it (smtp-sink's pseudo-headers in front are
harmless: a signature covers only the fields its h= names). PUBLIC_KEY_FILE is the key's DNS
TXT record as opendkim-genkey writes it (SELECTOR.txt, zone-file syntax with quoted strings), a
bare record (v=DKIM1; k=rsa; p=...), or a PEM public key (-----BEGIN PUBLIC KEY-----). The key
is handed to dkimpy through dnsfunc, whatever name it asks for (the name is reported).

Verifies the DKIM-Signature field number INDEX (default 0, the topmost: the last added) and
prints one JSON object:
    {"verified": true, "d": "example.org", "s": "e2e", "h": ["date", "to", ...],
     "c": "relaxed/simple", "a": "rsa-sha256", "signatures": 1, "key_query": "e2e._domainkey.example.org.",
     "error": null}
h is in the signature's order, lower case, repeats kept (an over-signed field appears twice).
Exits 0 when the signature verified, 1 when it did not (or there is none: error says why),
2 on bad usage or an unreadable file.

Needs Debian's python3-dkim, which is installed for /usr/bin/python3 (not a pyenv python).
"""
import base64
import json
import re
import sys

try:
    import dkim
except ImportError:
    sys.stderr.write("dkim_verify.py: the dkim module is missing: apt-get install python3-dkim, "
                     "and run this with /usr/bin/python3\n")
    sys.exit(2)


def txt_record(text):
    """The TXT record (bytes) from any of the accepted public-key file formats."""
    if "-----BEGIN" in text:
        m = re.search(r"-----BEGIN ([A-Z ]+)-----(.*?)-----END \1-----", text, re.S)
        if not m or "PRIVATE" in m.group(1):
            raise ValueError("not a PEM public key")
        der = base64.b64decode("".join(m.group(2).split()))
        return b"v=DKIM1; k=rsa; p=" + base64.b64encode(der)
    # opendkim-genkey: sel._domainkey IN TXT ( "v=DKIM1; h=sha256; k=rsa; " "p=MIIB..." "..." ) ; comment
    quoted = re.findall(r'"((?:[^"\\]|\\.)*)"', text.split(";  -----")[0])
    record = "".join(quoted) if quoted else text.strip()
    if "p=" not in record:
        raise ValueError("no p= tag in the key record")
    return record.encode()


def field(sig, tag):
    value = sig.get(tag)
    return None if value is None else value.decode(errors="replace")


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write(__doc__)
        return 2
    try:
        with open(argv[1], "rb") as f:
            message = f.read()
        with open(argv[2], encoding="ascii", errors="replace") as f:
            record = txt_record(f.read())
        index = int(argv[3]) if len(argv) == 4 else 0
    except (OSError, ValueError) as e:
        sys.stderr.write("dkim_verify.py: %s\n" % e)
        return 2

    queried = []

    def dnsfunc(name, timeout=5):
        queried.append(name.decode(errors="replace") if isinstance(name, bytes) else name)
        return record

    result = {"verified": False, "d": None, "s": None, "h": [], "c": None, "a": None,
              "signatures": 0, "key_query": None, "error": None}
    try:
        d = dkim.DKIM(message)
        result["signatures"] = sum(1 for name, _ in d.headers if name.lower() == b"dkim-signature")
        if result["signatures"] <= index:
            result["error"] = "no DKIM-Signature field" if result["signatures"] == 0 else \
                "only %d DKIM-Signature field(s)" % result["signatures"]
        else:
            try:
                result["verified"] = bool(d.verify(idx=index, dnsfunc=dnsfunc))
            finally:
                sig = getattr(d, "signature_fields", None) or {}
                result["d"], result["s"] = field(sig, b"d"), field(sig, b"s")
                result["c"], result["a"] = field(sig, b"c") or "simple/simple", field(sig, b"a")
                h = sig.get(b"h")
                if h is not None:
                    result["h"] = [x.strip().lower().decode(errors="replace")
                                   for x in re.split(rb":", re.sub(rb"\s+", b"", h)) if x.strip()]
            if not result["verified"]:
                result["error"] = "signature does not verify (header or body changed after signing?)"
    except dkim.DKIMException as e:
        result["error"] = "%s: %s" % (type(e).__name__, e)
    result["key_query"] = queried[0] if queried else None
    print(json.dumps(result))
    return 0 if result["verified"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
