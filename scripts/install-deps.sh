#!/usr/bin/env bash
# Installs the Debian packages optout-milter builds and tests with, if any are missing.
# As root it runs apt-get; otherwise it prints the exact command to run and fails.
set -euo pipefail

PACKAGES=(
    pkg-config libmilter-dev libpcre2-dev libidn2-dev libxxhash-dev libsqlite3-dev libssl-dev  # build
    miltertest postfix swaks m4 python3 iproute2 util-linux           # tests: protocol and end to end
    libldap-2.5-0                                                     # e2e: the unpacked (not installed) Sendmail links it
    prometheus                                                        # tests: promtool, a real Prometheus scraping /metrics
    opendkim opendkim-tools python3-dkim                              # e2e: OpenDKIM chained after the milter, signatures checked
    chromium                                                          # tests: the HTML report rendered headless
    systemd                                                           # tests: systemd-analyze verify of contrib/systemd
)

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "optout-milter needs these Debian packages: ${missing[*]}" >&2
    echo "Run as root:  apt-get update && DEBIAN_FRONTEND=noninteractive $cmd" >&2
    echo "(postfix: answer 'No configuration' so the system instance stays unconfigured.)" >&2
    exit 1
fi
echo "installing: ${missing[*]}"
# Postfix is only used through private instances in the tests: never configure or start the system one.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
echo "postfix postfix/mailname string localhost" | debconf-set-selections
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$cmd
