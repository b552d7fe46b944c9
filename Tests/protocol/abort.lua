-- args: --test-mode
-- A message aborted half way leaves nothing behind: the next message on the same connection is
-- judged on its own (the aborted one asked for a reject and an edit).
dofile(LIB)
run(function()
    local conn = open()
    start_message(conn, "A1")
    send("mt.header", mt.header(conn, "X-Test-Verdict", "reject"))
    send("mt.header", mt.header(conn, "X-Test-Edit", "add-header X-Stale stale"))
    send("mt.abort", mt.abort(conn))

    start_message(conn, "A2")
    send("mt.header", mt.header(conn, "Subject", "second"))
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_ACCEPT, "message after abort")
    check(mt.eom_check(conn, MT_HDRADD, "X-OptOut-Milter", stamp("A2")), "header of the second message")
    check(not mt.eom_check(conn, MT_HDRADD, "X-Stale"), "an edit of the aborted message leaked")
    mt.disconnect(conn)
end)
