# The observability end-to-end case (issue 11): messages of known kinds through the real MTA,
# then the milter's /metrics counters and a real Prometheus server's query API must both give
# the split that was sent. Sourced after cases_policy.sh (its setup and sending helpers).

METRICS_PY="$E2E_LIB/metrics.py"

# metric NAME LABEL=VALUE...: one series' value in the milter's exposition.
metric() { python3 "$METRICS_PY" sample "http://127.0.0.1:$METRICS_PORT/metrics" "$@"; }

# must_metric WANT NAME LABEL=VALUE...: fails the case unless the series has the value WANT.
must_metric() {
    local want=$1 got
    shift
    got=$(metric "$@") || fail "GET /metrics failed on 127.0.0.1:$METRICS_PORT"
    [ "$got" = "$want" ] || fail "/metrics: $* = $got, expected $want"
}

# prometheus_start: a private Prometheus server on loopback scraping the milter every second.
# Sets PROM_PORT.
prometheus_start() {
    local dir=$RUN/prometheus
    mkdir -p "$dir"
    PROM_PORT=$(free_port)
    cat >"$dir/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: optout-milter
    static_configs:
      - targets: ["127.0.0.1:$METRICS_PORT"]
YAML
    /usr/bin/prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
        --web.listen-address="127.0.0.1:$PROM_PORT" >"$dir/prometheus.log" 2>&1 &
    on_exit "stop_pid $! 15"
}

# prometheus_has QUERY WANT: the instant query's first value is WANT.
prometheus_has() { [ "$(python3 "$METRICS_PY" query "$PROM_PORT" "$1")" = "$2" ]; }

case_policy_metrics() {
    [ -x /usr/bin/prometheus ] || fail "/usr/bin/prometheus not found: run scripts/install-deps.sh"
    METRICS_PORT=$(free_port)
    PC_METRICS_LISTEN="127.0.0.1:$METRICS_PORT"
    policy_setup metrics
    wait_until 15 "metrics on 127.0.0.1:$METRICS_PORT" port_listening "$METRICS_PORT" ||
        fail "the metrics listener did not come up on 127.0.0.1:$METRICS_PORT"
    local news=3 service=2 i t base="metrics-$MTA-$$"
    # Known kinds: newsletters to one kept and one opted-out recipient (marketing, the opted-out
    # one removed), service mail to the opted-out recipient (not marketing, delivered).
    for ((i = 1; i <= news; i++)); do
        t=$base-news-$i
        send_msg "$t" newsletter.eml "$P_NEWS_FROM" "$P_KEEP" "$P_OPTED"
        must_accept "$t"
        must_deliver_to "$t" "$P_KEEP"
    done
    for ((i = 1; i <= service; i++)); do
        t=$base-service-$i
        send_msg "$t" service.eml "$P_ORDERS_FROM" "$P_OPTED"
        must_accept "$t"
        must_deliver_to "$t" "$P_OPTED"
    done
    local audited
    audited=$(grep -c '"action":"remove-recipient"' "$AUDIT" || true)
    [ "$audited" = "$news" ] || fail "audit: $audited remove-recipient records, expected $news"

    must_metric "$news" optout_messages_total verdict=marketing scope=in_scope
    must_metric "$service" optout_messages_total verdict=not_marketing scope=in_scope
    must_metric 0 optout_messages_total verdict=error scope=in_scope
    must_metric "$news" optout_recipients_total outcome=removed action=remove_recipient
    local recipients
    recipients=$(python3 "$METRICS_PY" sum "http://127.0.0.1:$METRICS_PORT/metrics" optout_recipients_total)
    [ "$recipients" = "$((news * 2 + service))" ] ||
        fail "/metrics: optout_recipients_total sums to $recipients, expected $((news * 2 + service))"
    must_metric 0 optout_mislabelled_messages_total
    must_metric 0 optout_internal_errors_total kind=decision

    prometheus_start
    local query='optout_messages_total{job="optout-milter",verdict="marketing"}'
    wait_until 60 "Prometheus to scrape $news marketing messages" prometheus_has "$query" "$news" ||
        fail "Prometheus on 127.0.0.1:$PROM_PORT answered '$(python3 "$METRICS_PY" query "$PROM_PORT" "$query")' for $query, expected $news"
    prometheus_has 'up{job="optout-milter"}' 1 || fail "Prometheus reports the milter target down"

    # The compliance report over this run's audit log gives the same split, in every format.
    local format want got
    for format in json text html; do
        "$MILTER_BIN" report "$AUDIT" --format "$format" --output "$RUN/report.$format" 2>"$RUN/report.log" ||
            fail "report --format $format: $(tail -3 "$RUN/report.log")"
    done
    # Every message here had the opted-out recipient, so all are audited; 3 were marketing.
    want="audited=$((news + service)) marketing=$news recipients=$((news * 2 + service)) suppressed=$((news + service)) removed=$news unreadable=0"
    got=$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
removed = sum(c["count"] for c in r["suppressed_by_action"] if c["name"] == "remove-recipient")
print("audited=%d marketing=%d recipients=%d suppressed=%d removed=%d unreadable=%d" % (r["audited_messages"],
      r["marketing_messages"], r["recipients"], r["suppressed_recipients"], removed, r["unreadable_lines"]))' "$RUN/report.json") ||
        fail "report.json unreadable: $(head -c 300 "$RUN/report.json")"
    [ "$got" = "$want" ] || fail "report --format json: $got, expected $want"
    grep -qE "^marketing messages: +$news\$" "$RUN/report.text" &&
        grep -qE "^opted-out recipients: +$((news + service))\$" "$RUN/report.text" ||
        fail "report --format text does not say $news marketing messages: $(head -20 "$RUN/report.text")"
    grep -q "<svg" "$RUN/report.html" && grep -q ">$news<" "$RUN/report.html" ||
        fail "report --format html has no chart or no count of $news"
    pass "/metrics: marketing $news, not_marketing $service, removed $news of $((news * 2 + service)) recipients, as in the audit; Prometheus on :$PROM_PORT scraped the same; report (json, text, html): $got"
}
