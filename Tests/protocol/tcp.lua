-- args: --test-mode
-- transport: tcp
-- Over TCP the milter negotiates exactly as over a unix socket: no reply at the stages where it
-- never refuses (MAIL here), DATA skipped, a reply to headers (where test mode may reject).
-- Postfix and Sendmail send the next command without waiting, and Linux acknowledges it at once
-- (docs/MTA-INTEGRATION.md, "TCP"); messages still get their verdicts and header.
dofile(LIB)
run(function()
    local conn = open()
    start_message(conn, "T1")
    check(mt.test_option(conn, SMFIP_NR_MAIL), "MAIL with a reply over TCP")
    check(mt.test_option(conn, SMFIP_NODATA), "DATA sent over TCP")
    check(not mt.test_option(conn, SMFIP_NR_HDR), "headers without reply, but the session may reject there")
    send("mt.header", mt.header(conn, "Subject", "over tcp"))
    expect_reply(conn, SMFIR_CONTINUE, "header")
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_ACCEPT, "end of message")
    check(mt.eom_check(conn, MT_HDRADD, "X-OptOut-Milter", stamp("T1")), "header over TCP")
    start_message(conn, "T2")
    send("mt.header", mt.header(conn, "X-Test-Verdict", "reject"))
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_REJECT, "reject over TCP")
    mt.disconnect(conn)
end)
