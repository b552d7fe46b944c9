-- args:
-- The production session asks for what the policy uses: connect (the client's address), MAIL with a
-- reply (out-of-scope mail is accepted there), RCPT, headers and body (the scanner), and every edit
-- an action may need; the stages where it always continues go without a reply on a unix socket.
dofile(LIB)
run(function()
    local conn = open()
    start_message(conn, "NEG1", "someone@example.net")
    for _, action in ipairs({ SMFIF_ADDHDRS, SMFIF_CHGHDRS, SMFIF_DELRCPT, SMFIF_ADDRCPT, SMFIF_QUARANTINE }) do
        check(mt.test_action(conn, action), "action " .. action .. " not requested")
    end
    check(not mt.test_action(conn, SMFIF_CHGBODY), "SMFIF_CHGBODY requested")
    check(not mt.test_option(conn, SMFIP_NOCONNECT), "connect skipped (the client's address decides the scope)")
    check(not mt.test_option(conn, SMFIP_NOMAIL), "MAIL skipped")
    check(not mt.test_option(conn, SMFIP_NR_MAIL), "MAIL without a reply (out-of-scope mail is accepted there)")
    check(not mt.test_option(conn, SMFIP_NORCPT), "RCPT skipped")
    check(not mt.test_option(conn, SMFIP_NOHDRS), "headers skipped")
    check(not mt.test_option(conn, SMFIP_NOBODY), "body skipped")
    check(mt.test_option(conn, SMFIP_NR_RCPT), "RCPT waits for a reply")
    check(mt.test_option(conn, SMFIP_NR_HDR), "headers wait for a reply")
    send_content(conn, NOTICE_HEADERS, NOTICE_BODY)
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_ACCEPT, "end of message")
    check(mt.eom_check(conn, MT_HDRADD, "X-OptOut-Policy"), "X-OptOut-Policy not added")
    mt.disconnect(conn)
end)
