-- args: --test-mode
-- Every edit at end of message reaches the MTA, in one message.
dofile(LIB)
run(function()
    local conn = open()
    start_message(conn, "E1", "keep@example.net")
    local edits = {
        "add-header X-Added added value",
        "insert-header 0 X-Inserted inserted value",
        "change-header Subject 1 changed subject",
        "delete-header X-Remove-Me 1",
        "add-rcpt <extra@example.org>",
        "del-rcpt <gone@example.net>",
        "quarantine held for review",
    }
    send("mt.header", mt.header(conn, "Subject", "original"))
    send("mt.header", mt.header(conn, "X-Remove-Me", "x"))
    for _, edit in ipairs(edits) do
        send("mt.header", mt.header(conn, "X-Test-Edit", edit))
        expect_reply(conn, SMFIR_CONTINUE, "header " .. edit)
    end
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_ACCEPT, "end of message")
    check(mt.eom_check(conn, MT_HDRADD, "X-OptOut-Milter", stamp("E1")), "stamp header")
    check(mt.eom_check(conn, MT_HDRADD, "X-Added", "added value"), "add header")
    check(mt.eom_check(conn, MT_HDRINSERT, "X-Inserted", "inserted value", 0), "insert header at 0")
    check(mt.eom_check(conn, MT_HDRCHANGE, "Subject", "changed subject"), "change header")
    check(mt.eom_check(conn, MT_HDRDELETE, "X-Remove-Me"), "delete header")
    check(mt.eom_check(conn, MT_RCPTADD, "<extra@example.org>"), "add recipient")
    check(mt.eom_check(conn, MT_RCPTDELETE, "<gone@example.net>"), "delete recipient")
    check(mt.eom_check(conn, MT_QUARANTINE, "held for review"), "quarantine")
    mt.disconnect(conn)
end)
