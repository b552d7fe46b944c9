-- args: --test-mode
-- A session that reads headers and may edit anything gets exactly that: every action, headers with
-- a reply (it may reject there), still no body.
dofile(LIB)
run(function()
    local conn = open()
    start_message(conn, "NEG2")
    for _, action in ipairs({ SMFIF_ADDHDRS, SMFIF_CHGHDRS, SMFIF_ADDRCPT, SMFIF_DELRCPT, SMFIF_QUARANTINE }) do
        check(mt.test_action(conn, action), "action " .. action .. " not requested")
    end
    check(not mt.test_action(conn, SMFIF_CHGBODY), "SMFIF_CHGBODY requested")
    check(mt.test_option(conn, SMFIP_NOBODY), "body not skipped")
    check(not mt.test_option(conn, SMFIP_NOHDRS), "headers skipped")
    check(not mt.test_option(conn, SMFIP_NR_HDR), "headers without reply, but the session may reject there")
    send("mt.header", mt.header(conn, "Subject", "negotiation"))
    expect_reply(conn, SMFIR_CONTINUE, "header")
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_ACCEPT, "end of message")
    mt.disconnect(conn)
end)
