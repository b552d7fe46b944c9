# Debian's OpenDKIM as a second milter, chained AFTER optout-milter, signing what leaves the MTA,
# so a case can check which header fields the signature covers (dkim_verify.py). Sourced after
# common.sh; needs the opendkim package (opendkim-tools for opendkim-genkey, else openssl).
#
#   opendkim_start dkim example.org            # signs mail From: *@example.org, selector e2e
#   mta_start "$RUN" "$MILTER_SPEC" "$OPENDKIM_SPEC"    # optout-milter first, OpenDKIM second
#   ... send, wait for the sink ...
#   /usr/bin/python3 "$E2E_LIB/dkim_verify.py" "$file" "$OPENDKIM_PUBKEY"   # JSON; 0 = verified
#
# OpenDKIM logs only to syslog, which these machines do not run: its log file holds start-up
# errors only. It adds "DKIM-Filter: OpenDKIM Filter v... JOBID" to every message it saw
# (SoftwareHeader): a message with that field and no DKIM-Signature reached OpenDKIM but was
# not signed (From: domain not DOMAIN, or the client not in InternalHosts).

# The fields OpenDKIM signs (its SignHeaders). OpenDKIM's default list covers List-Unsubscribe
# but not List-Unsubscribe-Post, which RFC 8058 needs signed: hence this explicit list (see
# ../shared/research/one-click-unsubscribe.md). A case may set its own before opendkim_start.
OPENDKIM_SIGN_HEADERS=${OPENDKIM_SIGN_HEADERS:-From,Reply-To,Subject,Date,To,Cc,Message-ID,MIME-Version,Content-Type,Content-Transfer-Encoding,List-Id,List-Unsubscribe,List-Unsubscribe-Post}
OPENDKIM_SELECTOR=${OPENDKIM_SELECTOR:-e2e}
# More opendkim.conf lines (one per line), appended last, e.g. "OversignHeaders From".
OPENDKIM_EXTRA_CONF=${OPENDKIM_EXTRA_CONF:-}

# opendkim_dir NAME: the instance's private directory (mode 0700) in the run directory.
opendkim_dir() { echo "$RUN/opendkim-$1"; }

# opendkim_start NAME DOMAIN: generates a 2048-bit RSA key for DOMAIN (selector
# $OPENDKIM_SELECTOR) in the private directory $RUN/opendkim-NAME, writes opendkim.conf (sign
# mode, clients 127.0.0.1 and ::1 are internal, SignHeaders $OPENDKIM_SIGN_HEADERS), starts
# OpenDKIM in the foreground on a free loopback port and waits (bounded) until it accepts.
# As root it runs as the opendkim user (as Debian runs it), otherwise as the calling user.
# Stopped on exit, or earlier with opendkim_stop NAME. Sets, for the instance just started:
#   OPENDKIM_SPEC          inet:PORT@127.0.0.1: the milter form, as the harness passes specs
#                          around (pf_start rewrites it for Postfix; Sendmail's S= takes it as is)
#   OPENDKIM_POSTFIX_SPEC  inet:127.0.0.1:PORT: the same in Postfix's smtpd_milters syntax
#   OPENDKIM_PORT, OPENDKIM_PID, OPENDKIM_DIR, OPENDKIM_LOG
#   OPENDKIM_PUBKEY        the public key as a DNS TXT record (DIR/SELECTOR.txt), for dkim_verify.py
#   OPENDKIM_PUBKEY_PEM    the same key as PEM (DIR/SELECTOR.pub.pem)
# opendkim_spec NAME [milter|postfix|sendmail] and opendkim_pubkey NAME give them for any instance.
opendkim_start() {
    local name=$1 domain=$2 dir port user="" sel=$OPENDKIM_SELECTOR
    [[ $name =~ ^[A-Za-z0-9_-]+$ ]] || { log "opendkim_start: bad instance name '$name'"; return 1; }
    [ -n "$domain" ] || { log "opendkim_start: no domain"; return 1; }
    [ -n "${RUN:-}" ] && [ -d "$RUN" ] || { log "opendkim_start: no run directory (make_run_dir)"; return 1; }
    command -v opendkim >/dev/null || { log "opendkim not found: run scripts/install-deps.sh"; return 1; }
    dir=$(opendkim_dir "$name")
    rm -rf "$dir" && mkdir -m 700 "$dir" || return 1

    # The key pair: opendkim-genkey writes SELECTOR.private (PEM) and SELECTOR.txt (the record).
    if command -v opendkim-genkey >/dev/null; then
        opendkim-genkey -b 2048 -h sha256 -d "$domain" -s "$sel" -D "$dir" >"$dir/genkey.log" 2>&1 ||
            { cat "$dir/genkey.log" >&2; return 1; }
    else
        openssl genrsa -out "$dir/$sel.private" 2048 >"$dir/genkey.log" 2>&1 ||
            { cat "$dir/genkey.log" >&2; return 1; }
        printf '%s._domainkey\tIN\tTXT\t( "v=DKIM1; h=sha256; k=rsa; p=%s" )  ; ----- DKIM key %s for %s\n' \
            "$sel" "$(openssl rsa -in "$dir/$sel.private" -pubout -outform DER 2>/dev/null | base64 -w0)" \
            "$sel" "$domain" >"$dir/$sel.txt"
    fi
    openssl rsa -in "$dir/$sel.private" -pubout -out "$dir/$sel.pub.pem" >/dev/null 2>&1 || return 1
    chmod 600 "$dir/$sel.private"

    # Root: drop to Debian's opendkim user, which must then own the directory and the key.
    if [ "$(id -u)" -eq 0 ] && getent passwd opendkim >/dev/null; then
        user=opendkim
        chown -R opendkim: "$dir"
    fi
    port=$(free_port)
    cat >"$dir/opendkim.conf" <<CONF
# Private OpenDKIM of the optout-milter e2e harness: signs mail from $domain, never verifies.
Mode                    s
Domain                  $domain
Selector                $sel
KeyFile                 $dir/$sel.private
# The key is in a 0700 directory, but under /tmp, which others can write: OpenDKIM would refuse
# it ("/tmp can be read or written by other users"; it checks every directory up to /).
RequireSafeKeys         no
Canonicalization        relaxed/simple
SignHeaders             $OPENDKIM_SIGN_HEADERS
InternalHosts           127.0.0.1,::1
Socket                  inet:$port@127.0.0.1
Background              no
PidFile                 $dir/opendkim.pid
UMask                   077
Syslog                  no
SoftwareHeader          yes
${user:+UserID                  $user}
$OPENDKIM_EXTRA_CONF
CONF
    OPENDKIM_DIR=$dir OPENDKIM_PORT=$port OPENDKIM_LOG=$dir/opendkim.log
    OPENDKIM_SPEC="inet:$port@127.0.0.1" OPENDKIM_POSTFIX_SPEC="inet:127.0.0.1:$port"
    OPENDKIM_PUBKEY=$dir/$sel.txt OPENDKIM_PUBKEY_PEM=$dir/$sel.pub.pem
    echo "$port" >"$dir/port"
    # -n: check the configuration and exit (says what is wrong, where a failed start says nothing).
    opendkim -n -x "$dir/opendkim.conf" >"$OPENDKIM_LOG" 2>&1 || { cat "$OPENDKIM_LOG" >&2; return 1; }
    opendkim -f -x "$dir/opendkim.conf" >>"$OPENDKIM_LOG" 2>&1 &
    OPENDKIM_PID=$!
    echo "$OPENDKIM_PID" >"$dir/launcher.pid"
    on_exit "opendkim_stop '$name'"
    wait_until 15 "opendkim $name on port $port" opendkim_listening "$OPENDKIM_PID" "$port" ||
        { tail -20 "$OPENDKIM_LOG" >&2; return 1; }
    kill -0 "$OPENDKIM_PID" 2>/dev/null || { log "opendkim $name exited"; tail -20 "$OPENDKIM_LOG" >&2; return 1; }
}

# opendkim_listening PID PORT: true when PORT accepts, and also (to end the wait early) when PID
# has exited; opendkim_start tells the two apart.
opendkim_listening() { kill -0 "$1" 2>/dev/null || return 0; port_listening "$2"; }

# opendkim_stop NAME: stops the instance and waits (bounded) for it to exit.
opendkim_stop() {
    local dir
    dir=$(opendkim_dir "$1")
    [ -f "$dir/launcher.pid" ] || return 0
    stop_pid "$(cat "$dir/launcher.pid")" 10
    rm -f "$dir/launcher.pid"
}

# opendkim_spec NAME [milter|postfix|sendmail]: the instance's socket: milter (default) and
# sendmail give inet:PORT@127.0.0.1 (S= of INPUT_MAIL_FILTER), postfix inet:127.0.0.1:PORT.
opendkim_spec() {
    local port
    port=$(cat "$(opendkim_dir "$1")/port") || return 1
    case ${2:-milter} in
        postfix) echo "inet:127.0.0.1:$port" ;;
        *) echo "inet:$port@127.0.0.1" ;;
    esac
}

# opendkim_pubkey NAME: the instance's public key record file, for dkim_verify.py.
opendkim_pubkey() { echo "$(opendkim_dir "$1")/$OPENDKIM_SELECTOR.txt"; }

# dkim_verify FILE PUBKEY: runs dkim_verify.py (Debian's python3-dkim: /usr/bin/python3, not
# the first python3 on PATH); prints its JSON, returns its status (0 verified, 1 not, 2 usage).
dkim_verify() { /usr/bin/python3 "$E2E_LIB/dkim_verify.py" "$@"; }
