# Faults end to end (issue 14). Sourced after cases_policy.sh (its setup, sending and audit helpers).

# audit_parses: every line of the audit file is one JSON object (no torn line).
audit_parses() {
    python3 -c 'import json, sys
for n, line in enumerate(open(sys.argv[1], "rb"), 1):
    try:
        json.loads(line)
    except ValueError:
        sys.exit("line %d is not a record: %r" % (n, line[:120]))' "$AUDIT"
}

# The audit disk fills up under mail: what cannot be audited is not accepted (on_internal_error:
# tempfail, the client keeps it), the file never holds a torn line, and once there is room again
# mail flows and is audited.
case_audit_disk_full() {
    PC_AUDIT_TMPFS=64k
    policy_setup diskfull
    local t="diskfull-$MTA-$$" i accepted=0 refused="" reply
    send_msg "$t-0" newsletter.eml "$P_NEWS_FROM" "$P_KEEP" "$P_OPTED"
    must_accept "$t-0"
    must_audit "$t-0" action=remove-recipient
    # Fill the file system: whole pages first, then byte by byte, until the kernel says no.
    dd if=/dev/zero of="$RUN/auditfs/fill" bs=4096 2>/dev/null || true
    dd if=/dev/zero of="$RUN/auditfs/fill2" bs=1 2>/dev/null || true
    # The audit file's last page still has room for a few records; then a write fails, whole or
    # cut short. Every message accepted until then must be audited.
    for ((i = 1; i <= 12; i++)); do
        send_msg "$t-$i" newsletter.eml "$P_NEWS_FROM" "$P_KEEP" "$P_OPTED"
        if swaks_accepted "$t-$i"; then
            accepted=$((accepted + 1))
            must_audit "$t-$i" action=remove-recipient
        else
            refused=$t-$i
            break
        fi
    done
    [ -n "$refused" ] || fail "12 messages accepted on a full audit disk"
    reply=$(grep -m1 -E '^<\*\* +4[0-9][0-9][ -]' "$RUN/$refused.swaks" | sed 's/^<\*\* *//' || true)
    [ -n "$reply" ] ||
        fail "a message that could not be audited got '$(swaks_last_reply "$refused")', expected a 4xx (on_internal_error: tempfail)"
    must_not_reach_sink "$refused"
    must_not_audit "$refused"
    grep -q "audit write failed" "$MILTER_LOG" || fail "the milter log does not say the audit write failed"
    audit_parses || fail "the audit file holds a torn line"

    # Room again: the same kind of message is accepted, delivered to the kept recipient, audited.
    rm -f "$RUN/auditfs/fill" "$RUN/auditfs/fill2"
    send_msg "$t-after" newsletter.eml "$P_NEWS_FROM" "$P_KEEP" "$P_OPTED"
    must_accept "$t-after"
    must_deliver_to "$t-after" "$P_KEEP"
    must_audit "$t-after" action=remove-recipient "rcpt:$P_OPTED=true,removed"
    audit_parses || fail "the audit file holds a torn line after the disk had room again"
    pass "full disk: $accepted accepted and audited, then '$reply' (nothing delivered, nothing audited); after freeing space: $AUDIT_LINE"
}
