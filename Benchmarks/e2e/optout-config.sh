# optout-milter's configuration for the benchmarks: the full policy of contrib/optout-milter.yaml
# with the store and the audit file in the run directory. Sourced after Tests/e2e/lib/milter.sh.

# bench_optout_config FILE STORE_URL AUDIT_PATH [SCAN [METRICS_LISTEN]]: the configuration the
# end-to-end tests deploy next to Postfix (milter_write_config: socket group postfix, enforce,
# outbound by network 127.0.0.0/8 so the benchmark's mail is in scope, the built-in rules at
# threshold 5, remove-recipient for suppressed recipients, the X-OptOut-Policy header, plain
# audit), with the suppression store STORE_URL, the audit file AUDIT_PATH, `scan: SCAN` (always |
# when-suppressed; default always) and `metrics.listen: METRICS_LISTEN` (HOST:PORT; default "":
# no listener and no metrics kept).
bench_optout_config() {
    PC_STORE=$2 PC_AUDIT=$3 PC_SCAN=${4:-always} PC_METRICS_LISTEN=${5:-} PC_LOG_LEVEL=info \
        milter_write_config "$1"
}
