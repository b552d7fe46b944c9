# A private Sendmail, unpacked from Debian's packages (never installed: it conflicts with the
# postfix package), on 127.0.0.1 in its own directory and its own mount namespace, relaying
# everything to the sink. Sourced after common.sh and sink.sh.
# See ../shared/research/real-mta-recipe.md for the traps each setting below avoids.

SM_CACHE=${SM_CACHE:-$E2E_REPO/.cache/sendmail}
SM_PACKAGES=(sendmail-bin sendmail-cf sendmail-base libwrap0)

# sm_fetch: downloads and unpacks the packages once into $SM_CACHE/root; sets SM_ROOT, SM_BIN.
sm_fetch() {
    SM_ROOT=$SM_CACHE/root
    SM_BIN=$SM_ROOT/usr/libexec/sendmail/sendmail
    [ -x "$SM_BIN" ] && return 0
    mkdir -p "$SM_CACHE/debs"
    log "downloading ${SM_PACKAGES[*]} into $SM_CACHE"
    # _apt must be able to write where the files land, or apt warns and falls back to root.
    chown _apt "$SM_CACHE/debs" 2>/dev/null || true
    (cd "$SM_CACHE/debs" && timeout 120 apt-get download -q "${SM_PACKAGES[@]}") >&2 ||
        die "apt-get download failed (run apt-get update first?)"
    rm -rf "$SM_ROOT.tmp" && mkdir -p "$SM_ROOT.tmp"
    local deb
    for deb in "$SM_CACHE"/debs/*.deb; do dpkg -x "$deb" "$SM_ROOT.tmp"; done
    # A setgid binary makes glibc ignore LD_LIBRARY_PATH (libwrap is unpacked, not installed).
    chmod g-s "$SM_ROOT.tmp/usr/libexec/sendmail/sendmail"
    mv "$SM_ROOT.tmp" "$SM_ROOT"
}

# sm_exec ARGS...: runs the unpacked sendmail with our .cf in a private mount namespace whose
# /etc/hosts and /etc/resolv.conf are our own (else an unqualified hostname costs a 60 s DNS wait).
sm_exec() {
    LD_LIBRARY_PATH=$SM_ROOT/usr/lib/x86_64-linux-gnu \
        unshare -m --propagation private sh -c '
            mount --bind "$1/hosts" /etc/hosts &&
            mount --bind "$1/resolv.conf" /etc/resolv.conf &&
            shift && exec "$@"' sh "$SM_DIR" "$SM_BIN" -C "$SM_DIR/sendmail.cf" "$@"
}

# sm_start DIR MILTER_SPEC [MORE_SPEC...]: builds and starts a daemon under DIR/sendmail that
# relays to 127.0.0.1:$SINK_PORT through MILTER_SPEC with F=T ("" for no milter). Each
# MORE_SPEC (e.g. $OPENDKIM_SPEC) is one more INPUT_MAIL_FILTER after it (milter2, milter3...,
# F=T and the same timeouts): Sendmail calls the filters in that order. Sets SM_DIR, SM_PORT,
# SM_QUEUE.
sm_start() {
    sm_fetch
    SM_DIR=$1/sendmail SM_PORT=$(free_port)
    SM_QUEUE=$SM_DIR/queue
    mkdir -p "$SM_QUEUE"
    chmod 700 "$SM_QUEUE"
    echo "127.0.0.1 mta.test.localdomain mta localhost" >"$SM_DIR/hosts"
    echo "nameserver 127.0.0.1" >"$SM_DIR/resolv.conf"
    echo "hosts files" >"$SM_DIR/service.switch"
    echo "postmaster: root" >"$SM_DIR/aliases"
    local milter=""
    # The lines of contrib/sendmail/optout-milter.mc (the shipped example is what the tests
    # run), with S= pointing at our socket.
    [ -n "$2" ] && milter=$(grep -E '^(INPUT_MAIL_FILTER|define)\(' "$E2E_REPO/contrib/sendmail/optout-milter.mc" |
        sed "/^INPUT_MAIL_FILTER/ s|S=[^,]*,|S=$2,|")
    local spec n=1
    for spec in "${@:3}"; do
        n=$((n + 1))
        milter+=$'\n'"INPUT_MAIL_FILTER(\`milter$n', \`S=$spec, F=T, T=C:10s;S:10s;R:10s;E:1m')dnl"
    done
    cat >"$SM_DIR/sendmail.mc" <<MC
divert(-1)
Private test instance of the optout-milter e2e harness.
divert(0)dnl
OSTYPE(\`linux')dnl
define(\`confDONT_BLAME_SENDMAIL', \`TrustStickyBit,MapInUnsafeDirPath,GroupWritableDirPathSafe,AssumeSafeChown')dnl
define(\`confDOMAIN_NAME', \`mta.test.localdomain')dnl
define(\`QUEUE_DIR', \`$SM_QUEUE')dnl
define(\`confPID_FILE', \`$SM_DIR/sendmail.pid')dnl
define(\`STATUS_FILE', \`$SM_DIR/statistics')dnl
define(\`ALIAS_FILE', \`$SM_DIR/aliases')dnl
define(\`confHOSTS_FILE', \`$SM_DIR/hosts')dnl
define(\`confSERVICE_SWITCH_FILE', \`$SM_DIR/service.switch')dnl
define(\`confBIND_OPTS', \`-DNSRCH -DEFNAMES')dnl
define(\`confQUEUE_LA', \`500')dnl
define(\`confREFUSE_LA', \`500')dnl
define(\`confDELAY_LA', \`500')dnl
define(\`SMART_HOST', \`esmtp:[127.0.0.1]')dnl
define(\`ESMTP_MAILER_ARGS', \`TCP \$h $SINK_PORT')dnl
FEATURE(\`nocanonify')dnl
FEATURE(\`accept_unresolvable_domains')dnl
FEATURE(\`accept_unqualified_senders')dnl
DAEMON_OPTIONS(\`Family=inet, Name=MTA, Addr=127.0.0.1, Port=$SM_PORT, Listen=1024')dnl
$milter
MAILER(\`smtp')dnl
MC
    m4 -D_CF_DIR_="$SM_ROOT/usr/share/sendmail/cf/" "$SM_ROOT/usr/share/sendmail/cf/m4/cf.m4" \
        "$SM_DIR/sendmail.mc" >"$SM_DIR/sendmail.cf" || return 1
    sm_exec -bi >"$SM_DIR/newaliases.log" 2>&1 || { cat "$SM_DIR/newaliases.log" >&2; return 1; }
    sm_exec -bd -q5m >"$SM_DIR/daemon.log" 2>&1 || { cat "$SM_DIR/daemon.log" >&2; return 1; }
    on_exit "sm_stop '$SM_DIR'"
    wait_until 20 "sendmail on port $SM_PORT" port_listening "$SM_PORT"
}

# sm_stop [DIR]: stops the daemon (default: the last one started) and waits (bounded) for it
# to exit.
sm_stop() {
    local dir=${1:-$SM_DIR}
    [ -n "$dir" ] && [ -d "$dir" ] || return 0
    stop_pid "$(head -1 "$dir/sendmail.pid" 2>/dev/null | tr -d ' ')" 15
}

# sm_queue_ids: the queue ids of every message still in the queue (one qf file each).
sm_queue_ids() { find "$SM_QUEUE" -name 'qf*' -printf '%f\n' 2>/dev/null | sed 's/^qf//'; }

sm_queue_empty() { [ -z "$(sm_queue_ids)" ]; }
