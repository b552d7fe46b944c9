# The end-to-end cases, written once for both MTAs ($MTA). Each runs in its own process
# (run.sh --case) with its own temporary directory, sink, milter and MTA, and ends in pass/fail.

# --- helpers -----------------------------------------------------------------------------

# The header every message in scope gets: X-OptOut-Policy from the policy daemon (the mail
# these cases send comes from 127.0.0.1, in scope), X-OptOut-Milter from the C no-op milter
# (--self-test) and from the test mode.
E2E_HEADER=$(milter_header)

# setup KIND NAME: a fresh directory, sink, milter on a KIND (unix|tcp) socket and the MTA.
setup() {
    make_run_dir "optout-e2e-$MTA-$2"
    must "starting smtp-sink" sink_start "$RUN"
    MILTER_SPEC=$(milter_spec "$RUN" "$1")
    must "starting the milter on $MILTER_SPEC" milter_start "$RUN" "$MILTER_SPEC"
    must "starting $MTA with milter $MILTER_SPEC" mta_start "$RUN" "$MILTER_SPEC"
}

# send_one TOKEN: one message through the MTA with swaks; the transcript is in $RUN/TOKEN.swaks.
# The verdict is read from the transcript (swaks exits non-zero on any 4xx/5xx).
send_one() {
    timeout 60 swaks --server "127.0.0.1:$MTA_PORT" --timeout 30 \
        --from a@example.org --to b@example.com --helo client.e2e.example.org \
        --header "Subject: e2e $1" --header "X-E2E-Token: $1" --body "optout-milter e2e" \
        >"$RUN/$1.swaks" 2>&1 || true
}
swaks_accepted() { grep -qE '^<-  250 .*(queued as|Message accepted)' "$RUN/$1.swaks"; }
swaks_tempfail_reply() { grep -m1 -E '^<\*\* +4[0-9][0-9][ -]' "$RUN/$1.swaks" | sed 's/^<\*\* *//'; }
swaks_last_reply() { grep -E '^<(-|\*\*) ' "$RUN/$1.swaks" | tail -1 | sed -E 's/^<(-|\*\*) *//'; }

sink_has_token() { [ -n "$(sink_files_with "X-E2E-Token: $1")" ]; }

# header_values FILE NAME: the values of header NAME in the message header section of FILE.
header_values() {
    awk -v name="$2" '/^\r?$/ { exit }
        index(tolower($0), tolower(name) ":") == 1 { sub(/^[^:]*:[ \t]*/, ""); sub(/\r$/, ""); print }' "$1"
}

# --- case: a message passes and arrives with the header ----------------------------------

case_passes() {   # case_passes KIND
    setup "$1" "pass-$1"
    local token="pass-$MTA-$1-$$" file values
    send_one "$token"
    swaks_accepted "$token" || fail "$MTA did not accept the message: $(swaks_last_reply "$token")"
    wait_until 20 "$token at the sink" sink_has_token "$token" ||
        fail "accepted but not at the sink within 20 s"
    file=$(sink_files_with "X-E2E-Token: $token")
    values=$(header_values "$file" "$E2E_HEADER")
    [ -n "$values" ] || fail "arrived without an $E2E_HEADER header"
    [ "$(printf '%s\n' "$values" | wc -l)" -eq 1 ] || fail "$E2E_HEADER added more than once: $values"
    pass "milter on $MILTER_SPEC; delivered with $E2E_HEADER: $values"
}

# --- case (Postfix): mail submitted with sendmail(1) goes through non_smtpd_milters -------

case_local_submission() {
    setup unix local
    local token="local-$MTA-$$" file values
    printf 'From: <a@example.org>\nTo: <b@example.com>\nSubject: e2e %s\nX-E2E-Token: %s\n\nlocal\n' \
        "$token" "$token" | timeout 30 /usr/sbin/sendmail -C "$PF_ETC" -f a@example.org b@example.com ||
        fail "Postfix's sendmail(1) refused the message"
    wait_until 20 "$token at the sink" sink_has_token "$token" ||
        fail "submitted with sendmail(1) but not at the sink within 20 s"
    file=$(sink_files_with "X-E2E-Token: $token")
    values=$(header_values "$file" "$E2E_HEADER")
    [ -n "$values" ] || fail "arrived without an $E2E_HEADER header: non_smtpd_milters not applied"
    pass "sendmail(1) -> pickup -> cleanup -> delivered with $E2E_HEADER: $values"
}

# --- case: the milter stopped makes the MTA tempfail, nothing lost -----------------------

case_milter_down() {
    setup unix down
    local before="down-before-$MTA-$$" token="down-$MTA-$$" reply
    send_one "$before"
    swaks_accepted "$before" || fail "with the milter up, $MTA did not accept: $(swaks_last_reply "$before")"
    wait_until 20 "$before at the sink" sink_has_token "$before" || fail "with the milter up, nothing arrived"

    milter_term 10
    [ "$MILTER_EXIT" = 0 ] || fail "the milter did not exit 0 on SIGTERM (status $MILTER_EXIT)"

    send_one "$token"
    ! swaks_accepted "$token" || fail "$MTA accepted a message with the milter stopped"
    reply=$(swaks_tempfail_reply "$token")
    [ -n "$reply" ] || fail "expected a 4xx reply, got: $(swaks_last_reply "$token")"
    wait_until 20 "$MTA queue to drain" mta_queue_empty || fail "queue not empty: $(mta_queue_ids | xargs)"
    ! sink_has_token "$token" || fail "a message tempfailed to the client arrived at the sink"
    pass "milter stopped -> $reply; nothing queued or delivered"
}

# --- case: the milter crashes (stale unix socket left behind) and is restarted ------------

case_crash_restart() {
    setup unix crash
    local crashed="crash-$MTA-$$" again="restart-$MTA-$$" reply
    kill -KILL "$MILTER_PID"
    wait "$MILTER_PID" 2>/dev/null || true   # reaps it at once (SIGKILL cannot be caught)
    send_one "$crashed"
    ! swaks_accepted "$crashed" || fail "$MTA accepted a message with the milter crashed"
    reply=$(swaks_tempfail_reply "$crashed")
    [ -n "$reply" ] || fail "expected a 4xx with the milter crashed, got: $(swaks_last_reply "$crashed")"

    # A crash leaves the socket file behind: the restarted milter must replace it.
    [ -S "${MILTER_SPEC#unix:}" ] || log "note: no stale socket left by the crash"
    must "restarting the milter over the stale socket" milter_start "$RUN" "$MILTER_SPEC"
    send_one "$again"
    swaks_accepted "$again" || fail "after the restart, $MTA did not accept: $(swaks_last_reply "$again")"
    wait_until 20 "$again at the sink" sink_has_token "$again" || fail "after the restart, nothing arrived"
    [ -n "$(header_values "$(sink_files_with "X-E2E-Token: $again")" "$E2E_HEADER")" ] ||
        fail "after the restart, a message arrived without the milter's header"
    ! sink_has_token "$crashed" || fail "a message tempfailed during the crash arrived"
    pass "crashed -> $reply; restarted over the stale socket -> delivered with the header"
}

# --- case: SIGTERM to the milter while 20 sessions send ----------------------------------

LOAD_SESSIONS=20

load_count() { awk -v c="$1" '$2 ~ c' "$RUN/load.out" 2>/dev/null | wc -l; }
load_accepted_at_least() { [ "$(load_count '^250$')" -ge "$1" ]; }
load_tempfails_at_least() { [ "$(load_count '^4')" -ge "$1" ]; }

# load_lost: tokens the MTA accepted (250 at end of DATA) that are neither at the sink nor in
# the MTA's queue (matched by the queue id from the 250 reply).
load_lost() {
    local queued
    queued=$(mta_queue_ids | sort)
    awk '$2 == 250 { print $1, $3 }' "$RUN/load.out" | sort -k1,1 |
        join -v1 - <(sink_tokens | sort -u) | sort -k2,2 |
        join -1 2 -v1 - <(printf '%s\n' "$queued")
}
nothing_lost() { [ -z "$(load_lost)" ]; }

case_sigterm_under_load() {
    setup unix sigterm
    python3 "$E2E_LIB/smtp_load.py" --port "$MTA_PORT" --sessions "$LOAD_SESSIONS" --seconds 90 \
        --prefix "load-$MTA-$$" --stop-file "$RUN/load.stop" --out "$RUN/load.out" \
        >"$RUN/load.log" 2>&1 &
    local load_pid=$! accepted tempfailed delivered queued lost unfiltered doubled
    on_exit "stop_pid $load_pid 5"

    wait_until 60 "40 messages accepted before SIGTERM" load_accepted_at_least 40 ||
        fail "the load never got going: $(load_count '^250$') accepted"
    milter_term 10
    # Keep sending until the MTA has visibly tempfailed a few messages without the milter.
    wait_until 20 "$MTA to tempfail after the milter stopped" load_tempfails_at_least 5
    touch "$RUN/load.stop"
    wait_until 45 "the load generator to finish" pid_gone "$load_pid" || fail "the load generator hung"

    wait_until 60 "every accepted message at the sink or queued" nothing_lost
    accepted=$(load_count '^250$') tempfailed=$(load_count '^4')
    delivered=$(sink_count) queued=$(mta_queue_ids | wc -l)
    lost=$(load_lost | wc -l)
    # A message must never pass unfiltered, nor arrive after the client was told 4xx.
    unfiltered=$(grep -rL "^$E2E_HEADER:" "$SINK_DIR" | grep -c 'msg\.' || true)
    doubled=$(awk '$2 ~ /^4/ { print $1 }' "$RUN/load.out" | sort | join - <(sink_tokens | sort -u) | wc -l)
    local stages
    stages=$(awk '$2 ~ /^4/ { n[$4]++ } END { for (s in n) { printf "%s%s %d", sep, s, n[s]; sep = ", " } }' "$RUN/load.out")
    local figures="accepted $accepted, tempfailed $tempfailed (at $stages), delivered $delivered, queued $queued"
    figures+=", milter exit $MILTER_EXIT after ${MILTER_STOP_MS} ms"

    [ "$MILTER_EXIT" = 0 ] || fail "milter did not exit 0 within 10 s of SIGTERM ($figures)"
    [ "$lost" -eq 0 ] || fail "$lost accepted messages lost: $(load_lost | head -5 | xargs) ($figures)"
    [ "$tempfailed" -ge 1 ] || fail "the MTA never tempfailed after the milter stopped ($figures)"
    [ "$unfiltered" -eq 0 ] || fail "$unfiltered messages arrived without the milter's header ($figures)"
    [ "$doubled" -eq 0 ] || fail "$doubled messages tempfailed to the client still arrived ($figures)"
    pass "$figures; none lost"
}
