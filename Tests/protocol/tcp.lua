-- args: --test-mode
-- transport: tcp
-- Over TCP the milter replies to every stage (no no-reply flags: an unanswered packet makes the MTA
-- wait for a delayed ACK) and keeps the DATA stage; messages still get their verdicts and header.
dofile(LIB)
run(function()
    local conn = open()
    start_message(conn, "T1")
    check(not mt.test_option(conn, SMFIP_NR_MAIL), "MAIL without reply over TCP")
    check(not mt.test_option(conn, SMFIP_NR_HDR), "headers without reply over TCP")
    check(not mt.test_option(conn, SMFIP_NODATA), "DATA skipped over TCP")
    expect_reply(conn, SMFIR_CONTINUE, "MAIL")
    send("mt.data", mt.data(conn))
    expect_reply(conn, SMFIR_CONTINUE, "DATA")
    send("mt.header", mt.header(conn, "Subject", "over tcp"))
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_ACCEPT, "end of message")
    check(mt.eom_check(conn, MT_HDRADD, "X-OptOut-Milter", stamp("T1")), "header over TCP")
    start_message(conn, "T2")
    send("mt.header", mt.header(conn, "X-Test-Verdict", "reject"))
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_REJECT, "reject over TCP")
    mt.disconnect(conn)
end)
