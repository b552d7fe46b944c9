-- args: --test-mode
-- A multi-line custom reply (smfi_setmlreply through the fixed-arity shim).
dofile(LIB)
run(function()
    local conn = open()
    start_message(conn, "M1")
    send("mt.header", mt.header(conn, "X-Test-Verdict", "multiline-reject"))
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_REPLYCODE, "end of message")
    -- miltertest compares "CODE ESC TEXT" with the whole reply libmilter sent; a multi-line reply
    -- is one string of CRLF-separated lines, so split it where miltertest puts its spaces.
    local rest = "line\r\n550-5.7.1 second line\r\n550 5.7.1 third line"
    check(mt.eom_check(conn, MT_SMTPREPLY, "550-5.7.1", "first", rest), "the reply is not the expected three lines")
    mt.disconnect(conn)
end)
