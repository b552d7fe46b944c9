# optout-milter's configuration for the benchmarks: the full policy of contrib/optout-milter.yaml
# with the store and the audit file in the run directory. Sourced after Tests/e2e/lib/milter.sh.

# bench_optout_config FILE STORE_URL AUDIT_PATH [SCAN]: the daemon keys as deployed next to
# Postfix (socket group postfix, milter_write_config), then the policy: outbound by network
# (127.0.0.0/8, so the benchmark's mail is in scope), the suppression store STORE_URL, the
# built-in rules, remove-recipient for suppressed recipients, the X-OptOut-Policy header, the
# audit file AUDIT_PATH, and `scan: SCAN` (always | when-suppressed; default always).
bench_optout_config() {
    milter_write_config "$1"
    cat >>"$1" <<YAML
mode: enforce
outbound:
  authenticated: true
  daemons: [ORIGINATING]
  networks: [127.0.0.0/8, "::1/128"]
suppression:
  store: $2
  refresh_interval: 2
scan: ${4:-always}
classifier:
  rules: builtin
  uncertain_band: 1.0
actions:
  suppressed: remove-recipient
  all_suppressed: reject
  mislabelled: quarantine
  uncertain: tag
header: X-OptOut-Policy
audit:
  path: $3
  recipients: plain
YAML
}
