# One-click unsubscribe end to end (issue 12), for both MTAs: OpenDKIM chained after the milter
# signs the headers the milter added; a mailbox provider's POST (curl) opts the recipient out;
# the next marketing message to that address is stopped while service mail still arrives.
# Sourced after cases_policy.sh (its setup, sending and audit helpers) and cases_metrics.sh.

U_RCPT=jane@rcpt-e2e.example   # not suppressed until she unsubscribes

# snapshot_entries: the suppression entries in the milter's snapshot in force (from /metrics).
snapshot_entries() { metric optout_suppression_entries; }

case_unsubscribe_dkim() {
    METRICS_PORT=$(free_port)
    PC_METRICS_LISTEN="127.0.0.1:$METRICS_PORT"
    PC_UNSUBSCRIBE_PORT=$(free_port)
    # The card receipt carries its sender's own List-Unsubscribe: replaced, so that the opt-out
    # lands in the list the milter enforces.
    PC_UNSUBSCRIBE_HEADERS=replace
    PC_DKIM_DOMAIN=cards-e2e.example
    policy_setup unsubscribe
    wait_until 15 "the unsubscribe endpoint on :$PC_UNSUBSCRIBE_PORT" port_listening "$PC_UNSUBSCRIBE_PORT" ||
        fail "the unsubscribe endpoint did not come up on 127.0.0.1:$PC_UNSUBSCRIBE_PORT"
    local t="unsub-$MTA-$$" file link post verify

    # 1. A "service" receipt carrying a promotion (the Amex case) to one recipient: marketing,
    #    delivered with the milter's one-click headers, signed by OpenDKIM after the milter.
    send_msg "$t-first" amex-receipt.eml "$P_RECEIPTS_FROM" "$U_RCPT"
    must_accept "$t-first"
    must_deliver_to "$t-first" "$U_RCPT"
    file=$(sink_complete "$t-first" | head -1)
    link=$(header_values "$file" List-Unsubscribe)
    post=$(header_values "$file" List-Unsubscribe-Post)
    [ "$(printf '%s\n' "$link" | wc -l)" = 1 ] || fail "expected one List-Unsubscribe, got: $link"
    [[ $link == "<http://127.0.0.1:$PC_UNSUBSCRIBE_PORT/u/"*">, <mailto:unsubscribe+"*"@northwind-e2e.example>" ]] ||
        fail "List-Unsubscribe is not the milter's link: $link"
    [ "$post" = "List-Unsubscribe=One-Click" ] || fail "List-Unsubscribe-Post: '$post'"
    [[ $link != *"$U_RCPT"* && $link != *jane* ]] || fail "the link shows the address: $link"
    verify=$(dkim_verify "$file" "$OPENDKIM_PUBKEY") || fail "DKIM does not verify: $verify"
    python3 -c 'import json, sys
h = json.loads(sys.argv[1])["h"]
sys.exit(0 if "list-unsubscribe" in h and "list-unsubscribe-post" in h else 1)' "$verify" ||
        fail "the DKIM signature does not cover both headers: $verify"
    must_audit "$t-first" verdict=marketing unsubscribe=added "rcpt:$U_RCPT=false,delivered"

    # 2. The mailbox provider POSTs the link (RFC 8058); the opt-out reaches the snapshot.
    local url entries t0 answer snapshot_ms enforced_ms
    url=${link#<}
    url=${url%%>*}
    entries=$(snapshot_entries) || fail "GET /metrics failed"
    t0=${EPOCHREALTIME/./}
    answer=$(curl -s -o "$RUN/post.html" -w '%{http_code}' -X POST \
        -H 'Content-Type: application/x-www-form-urlencoded' --data 'List-Unsubscribe=One-Click' "$url")
    [ "$answer" = 200 ] || fail "POST $url answered $answer: $(head -c 300 "$RUN/post.html")"
    wait_until 10 "the opt-out in the milter's snapshot" test "$(snapshot_entries)" = "$((entries + 1))" ||
        fail "the snapshot still has $(snapshot_entries) entries 10 s after the POST (had $entries)"
    snapshot_ms=$(elapsed_ms "$t0")
    answer=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data 'List-Unsubscribe=One-Click' "$url")
    [ "$answer" = 200 ] || fail "a repeated POST answered $answer"
    "$MILTER_BIN" suppress lookup --store "sqlite:$STORE" --category marketing "$U_RCPT" >"$RUN/lookup.txt" 2>&1 ||
        fail "suppress lookup: $(cat "$RUN/lookup.txt")"
    grep -q 'source: *one-click' "$RUN/lookup.txt" || fail "the entry is not from one-click: $(cat "$RUN/lookup.txt")"

    # 3. The next marketing message to her is stopped; service mail still reaches her.
    send_msg "$t-news" newsletter.eml "$P_NEWS_FROM" "$U_RCPT"
    enforced_ms=$(elapsed_ms "$t0")
    grep -qE '^<\*\* +550[ -]' "$RUN/$t-news.swaks" ||
        fail "marketing after the unsubscribe was not rejected: $(swaks_last_reply "$t-news")"
    must_not_reach_sink "$t-news"
    must_audit "$t-news" verdict=marketing action=reject "rcpt:$U_RCPT=true,rejected"
    local stopped=$AUDIT_LINE
    send_msg "$t-service" service.eml "$P_ORDERS_FROM" "$U_RCPT"
    must_accept "$t-service"
    must_deliver_to "$t-service" "$U_RCPT"
    must_audit "$t-service" verdict=not-marketing "rcpt:$U_RCPT=true,delivered"
    must_metric 1 optout_unsubscribes_total source=one-click result=added
    must_metric 1 optout_unsubscribes_total source=one-click result=already
    must_metric 1 optout_unsubscribe_headers_added_total
    pass "delivered with List-Unsubscribe: $link; List-Unsubscribe-Post: $post; DKIM verified with h=$(python3 -c 'import json,sys; print(":".join(json.loads(sys.argv[1])["h"]))' "$verify"); POST 200, in the snapshot ${snapshot_ms} ms after the POST; next newsletter rejected (sent ${enforced_ms} ms after the POST): $stopped; service mail delivered"
}
