# One interface over both MTAs, so each case is written once. MTA is "postfix" or "sendmail".
# Sourced after postfix.sh and sendmail.sh.

mta_start() {   # mta_start RUN_DIR MILTER_SPEC
    case $MTA in
        postfix) pf_start "$@" && MTA_PORT=$PF_PORT ;;
        sendmail) sm_start "$@" && MTA_PORT=$SM_PORT ;;
    esac
}

mta_queue_ids() {
    case $MTA in
        postfix) pf_queue_ids ;;
        sendmail) sm_queue_ids ;;
    esac
}

mta_queue_empty() { [ -z "$(mta_queue_ids)" ]; }
