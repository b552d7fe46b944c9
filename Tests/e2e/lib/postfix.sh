# A private Postfix instance on 127.0.0.1 in its own directory, relaying everything to the
# sink. Sourced after common.sh and sink.sh. See ../shared/research/real-mta-recipe.md.

# pf_milter_spec SPEC: a milter socket spec as the milter takes it (unix:/abs/path or
# inet:PORT@127.0.0.1), rewritten the way Postfix writes it.
pf_milter_spec() {
    case $1 in
        inet:*@*) local p=${1#inet:}; echo "inet:${p#*@}:${p%@*}" ;;
        *) echo "$1" ;;
    esac
}

# pf_contrib_milter_settings SPEC: the settings of contrib/postfix/main.cf.example (so the
# shipped example is what the tests run), with smtpd_milters pointing at SPEC.
pf_contrib_milter_settings() {
    grep -E '^[a-z_]+ *=' "$E2E_REPO/contrib/postfix/main.cf.example" |
        sed "s|^smtpd_milters *=.*|smtpd_milters = $1|"
}

# pf_start DIR MILTER_SPEC [MORE_SPEC...]: builds and starts an instance under DIR/postfix that
# relays to 127.0.0.1:$SINK_PORT and uses MILTER_SPEC ("" for none). Each MORE_SPEC (milter
# form, e.g. $OPENDKIM_SPEC) is chained after it, in order: smtpd_milters = MILTER_SPEC, MORE_SPEC
# (and non_smtpd_milters, = $smtpd_milters); a later milter sees the earlier ones' edits.
# Sets PF_ETC, PF_PORT, PF_LOG.
pf_start() {
    local root=$1/postfix milter spec
    milter=$(pf_milter_spec "$2")
    for spec in "${@:3}"; do milter="${milter:+$milter, }$(pf_milter_spec "$spec")"; done
    PF_ETC=$root/etc PF_PORT=$(free_port) PF_LOG=$root/maillog
    mkdir -p "$PF_ETC" "$root/spool" "$root/data"
    chown postfix "$root/data"
    cat >"$PF_ETC/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $root/spool
data_directory = $root/data
maillog_file = $PF_LOG
maillog_file_prefixes = $root
myhostname = mta.test.localdomain
mydestination =
local_recipient_maps =
local_transport = error:5.1.1 local delivery disabled
alias_maps =
alias_database =
relay_domains =
relayhost = [127.0.0.1]:$SINK_PORT
smtp_dns_support_level = disabled
smtpd_peername_lookup = no
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
$(pf_contrib_milter_settings "$milter")
# Load generators open many sessions at once: never make them wait for a process slot.
default_process_limit = ${PF_PROCESS_LIMIT:-200}
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
CF
    # The package's master.cf with chroot off everywhere (absolute unix: milter paths must
    # resolve) and smtpd on our own loopback port.
    awk -v port="$PF_PORT" '
        /^#/ || /^[ \t]/ || NF < 8 { print; next }
        $1 == "smtp" && $2 == "inet" { $1 = "127.0.0.1:" port }
        { $5 = "n"; print }
    ' /usr/share/postfix/master.cf.dist >"$PF_ETC/master.cf"
    # `postfix start` creates the queue tree with the same owners and modes as `postfix check`
    # (which costs ~3 s of postconf runs per instance): no separate check.
    postfix -c "$PF_ETC" start >"$root/start.log" 2>&1 || { cat "$root/start.log" >&2; return 1; }
    on_exit "pf_stop '$PF_ETC'"
    wait_until 20 "postfix smtpd on port $PF_PORT" port_listening "$PF_PORT"
}

# pf_stop [ETC]: stops the instance (default: the last one started) and waits (bounded) for
# its master to exit.
pf_stop() {
    local etc=${1:-$PF_ETC} pid
    [ -n "$etc" ] && [ -d "$etc" ] || return 0
    pid=$(head -1 "$(postconf -c "$etc" -h queue_directory)/pid/master.pid" 2>/dev/null | tr -d ' ')
    postfix -c "$etc" stop >/dev/null 2>&1 || true
    [ -n "$pid" ] && wait_until 15 "postfix master $pid to exit" pid_gone "$pid"
    return 0
}

# pf_queue: one tab-separated line per message still in the instance's queue: queue name (active,
# deferred, hold...), queue id, then each recipient in lower case. The one reader of postqueue -j.
pf_queue() {
    postqueue -c "$PF_ETC" -j 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    if line.strip():
        m = json.loads(line)
        print("\t".join([m["queue_name"], m["queue_id"]] + [r["address"].lower() for r in m["recipients"]]))'
}

# pf_queue_ids: the queue ids of every message still in the instance's queue.
pf_queue_ids() { pf_queue | cut -f2; }

# pf_queue_files: how many messages are in the queue, counted cheaply (no showq) for polling
# under load.
pf_queue_files() {
    find "$(dirname "$PF_ETC")/spool/"{incoming,active,deferred,hold,maildrop} -type f 2>/dev/null | wc -l
}

# pf_queue_empty: true when nothing is left in the queue (active, incoming, deferred, hold).
pf_queue_empty() { [ -z "$(pf_queue_ids)" ]; }
