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

# accepted_unaudited: tokens the MTA accepted (250) that have no audit record.
accepted_unaudited() {
    awk '$2 == 250 { print $1 }' "$RUN/load.out" | sort -u |
        join -v1 - <(python3 -c 'import json, re, sys
for line in open(sys.argv[1]):
    m = re.search(r"<([^@>]+)@", json.loads(line).get("message_id") or "")
    if m: print(m.group(1))' "$AUDIT" | sort -u)
}

# SIGKILL under load with the policy on: newsletters to a kept and an opted-out recipient from 20
# sessions; the milter is killed, the MTA tempfails, the milter restarts over its stale socket and
# mail flows again. Nothing accepted is lost, nothing reaches the opted-out recipient, nothing
# told 4xx arrives, and every accepted message is in the audit.
case_policy_sigkill_under_load() {
    policy_setup sigkill
    python3 "$E2E_LIB/smtp_load.py" --port "$MTA_PORT" --sessions "$LOAD_SESSIONS" --seconds 150 \
        --message "$E2E_MESSAGES/newsletter.eml" --from "$P_NEWS_FROM" --rcpt "$P_KEEP" --rcpt "$P_OPTED" \
        --reconnect-on-refusal --prefix "kill-$MTA-$$" --stop-file "$RUN/load.stop" --out "$RUN/load.out" \
        >"$RUN/load.log" 2>&1 &
    local load_pid=$! before after accepted tempfailed delivered lost to_opted doubled unaudited
    on_exit "stop_pid $load_pid 5"
    wait_until 60 "30 messages accepted before the kill" load_accepted_at_least 30 ||
        fail "the load never got going: $(load_count '^250$') accepted ($(tail -2 "$RUN/load.log"))"
    kill -KILL "$MILTER_PID"
    wait "$MILTER_PID" 2>/dev/null || true
    wait_until 30 "$MTA to tempfail without the milter" load_tempfails_at_least 5 ||
        fail "$MTA did not tempfail while the milter was dead"
    before=$(load_count '^250$')
    must "restarting the milter over its stale socket" milter_start "$RUN" "$MILTER_SPEC"
    wait_until 60 "30 more messages accepted after the restart" load_accepted_at_least "$((before + 30))" ||
        fail "mail did not flow again after the restart ($(load_count '^250$') accepted, $before before)"
    touch "$RUN/load.stop"
    wait_until 45 "the load generator to finish" pid_gone "$load_pid" || fail "the load generator hung"
    wait_until 60 "every accepted message at the sink or queued" nothing_lost

    accepted=$(load_count '^250$') tempfailed=$(load_count '^4') after=$((accepted - before))
    delivered=$(sink_count) lost=$(load_lost | wc -l)
    to_opted=$(sink_to_opted | wc -l)
    doubled=$(awk '$2 ~ /^4/ { print $1 }' "$RUN/load.out" | sort | join - <(sink_tokens | sort -u) | wc -l)
    unaudited=$(accepted_unaudited | wc -l)
    local figures="accepted $accepted ($after after the restart), tempfailed $tempfailed, delivered $delivered"
    [ "$lost" -eq 0 ] || fail "$lost accepted messages lost: $(load_lost | head -3 | xargs) ($figures)"
    [ "$to_opted" -eq 0 ] || fail "$to_opted messages reached the opted-out recipient ($figures)"
    [ "$doubled" -eq 0 ] || fail "$doubled messages tempfailed to the client still arrived ($figures)"
    [ "$unaudited" -eq 0 ] || fail "$unaudited accepted messages have no audit record: $(accepted_unaudited | head -3 | xargs)"
    pass "$figures; none lost, none to $P_OPTED, every accepted message audited"
}

# rss_kib PID: the process's resident set, KiB.
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

# 500 concurrent SMTP sessions through Postfix for E2E_LOAD_SECONDS (default 60; run 300 once
# for the full figure), newsletters to a kept and an opted-out recipient: no message refused or
# lost, the sink's recipients are the accepted ones minus the opted-out recipient the policy
# removed from each (as the audit says), and the milter's resident memory stays flat after
# warm-up (sampled every 5 s; the curve is printed).
case_policy_load_500() {
    local seconds=${E2E_LOAD_SECONDS:-60} sessions=500
    PF_PROCESS_LIMIT=$((sessions + 100))
    policy_setup load500
    python3 "$E2E_LIB/smtp_load.py" --port "$MTA_PORT" --sessions "$sessions" --seconds "$seconds" \
        --message "$E2E_MESSAGES/newsletter.eml" --from "$P_NEWS_FROM" --rcpt "$P_KEEP" --rcpt "$P_OPTED" \
        --prefix "load500-$$" --out "$RUN/load.out" >"$RUN/load.log" 2>&1 &
    local load_pid=$! started=${EPOCHREALTIME/./} samples=()
    on_exit "stop_pid $load_pid 5"
    # Pacing of a measurement (one sample every 5 s), not synchronisation.
    while kill -0 "$load_pid" 2>/dev/null; do
        samples+=("$(($(elapsed_ms "$started") / 1000))s:$(($(rss_kib "$MILTER_PID") / 1024))MiB")
        sleep 5
    done
    # Intake outpaces delivery to the sink under this load: let the queue drain (bounded by the
    # run's length), then every accepted message must be at the sink.
    wait_until $((seconds + 120)) "$MTA queue to drain" mta_queue_empty ||
        fail "the queue did not drain: $(mta_queue_ids | wc -l) left"
    if ! wait_until 30 "every accepted message at the sink" nothing_lost; then
        fail "$(load_lost | wc -l) accepted messages not at the sink after the queue drained (of $(load_count '^250$'); sink $(sink_count)), e.g. [$(load_lost | head -3 | xargs)]"
    fi
    local accepted refused lost rcpts removed
    accepted=$(load_count '^250$') refused=$(awk '$2 != 250' "$RUN/load.out" | wc -l)
    lost=$(load_lost | wc -l)
    rcpts=$(grep -rh '^X-Rcpt-Args:' "$SINK_DIR" | wc -l)
    removed=$(grep -c '"outcome":"removed"' "$AUDIT" || true)
    local figures="$sessions sessions, ${seconds}s: accepted $accepted, refused $refused, recipients at the sink $rcpts, removed (audit) $removed"
    [ "$accepted" -ge "$sessions" ] || fail "fewer messages than sessions were accepted ($figures)"
    [ "$refused" -eq 0 ] || fail "messages were refused: $(awk '$2 != 250 { print $2, $4 }' "$RUN/load.out" | sort | uniq -c | head -3 | xargs) ($figures)"
    [ "$lost" -eq 0 ] || fail "$lost accepted messages lost ($figures)"
    [ "$removed" -eq "$accepted" ] || fail "the audit has $removed removals for $accepted accepted messages ($figures)"
    [ "$rcpts" -eq $((accepted * 2 - removed)) ] ||
        fail "the sink has $rcpts recipients, expected $((accepted * 2 - removed)) ($figures)"
    [ -z "$(sink_to_opted)" ] || fail "the opted-out recipient received mail ($figures)"
    # Flat after warm-up: the last sample within 25% (and 64 MiB) of the one a quarter of the way in.
    local n=${#samples[@]} warm last
    [ "$n" -ge 4 ] || fail "too few memory samples: ${samples[*]}"
    warm=${samples[$((n / 4))]#*:} last=${samples[$((n - 1))]#*:}
    warm=${warm%MiB} last=${last%MiB}
    [ "$last" -le $((warm + warm / 4 + 64)) ] || fail "milter memory grew from ${warm} to ${last} MiB: ${samples[*]}"
    pass "$figures; milter RSS ${samples[*]}"
}
