-- args: --test-mode
-- A session that rejects at a stage negotiated without a reply (MAIL): the binding keeps the verdict
-- and gives it at the next stage that replies, so the message is still rejected.
dofile(LIB)
run(function()
    local conn = open()
    mt.macro(conn, SMFIC_MAIL, "i", "D1")
    send("mt.mailfrom", mt.mailfrom(conn, "defer-reject@example.com"))
    check(mt.test_option(conn, SMFIP_NR_MAIL), "MAIL negotiated with a reply: this test needs it without")
    send("mt.header", mt.header(conn, "Subject", "deferred"))
    expect_reply(conn, SMFIR_REJECT, "header after a reject at MAIL")
    send("mt.abort", mt.abort(conn))

    -- A held verdict belongs to its message: rejected at MAIL, aborted before any reply, the next
    -- message is not rejected.
    mt.macro(conn, SMFIC_MAIL, "i", "D2")
    send("mt.mailfrom", mt.mailfrom(conn, "defer-reject@example.com"))
    send("mt.abort", mt.abort(conn))

    start_message(conn, "D3")
    send("mt.header", mt.header(conn, "Subject", "next"))
    expect_reply(conn, SMFIR_CONTINUE, "next message")
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_ACCEPT, "next message")
    mt.disconnect(conn)
end)
