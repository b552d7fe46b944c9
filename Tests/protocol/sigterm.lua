-- args: --test-mode
-- SIGTERM while a message is in progress: the message still gets its reply and its header; a
-- message starting after the signal is told to retry (4xx); run.sh then checks exit 0 within 10 s.
-- (The milter waits only for messages that started before the signal; once those are done it exits,
-- and the MTA tempfails whatever was still open.)
dofile(LIB)

-- A header gets a reply in test mode, so once it returns the milter has seen the message start.
local function started(conn, queue_id)
    start_message(conn, queue_id)
    send("mt.header", mt.header(conn, "Subject", queue_id))
    expect_reply(conn, SMFIR_CONTINUE, "header of " .. queue_id)
end

run(function()
    local conn = open()
    started(conn, "S1")
    local late = open()
    check(os.execute("kill -TERM " .. MILTER_PID), "kill failed")
    wait_for_log("stop requested")
    -- While S1 is still in progress the milter keeps serving: a message started now is told to retry.
    started(late, "S2")
    send("mt.eom late", mt.eom(late))
    expect_reply(late, SMFIR_REPLYCODE, "message started after SIGTERM")
    check(mt.eom_check(late, MT_SMTPREPLY, "451", "4.3.2", "mail filter is restarting, try again later"),
        "message started after SIGTERM: not a 451 4.3.2")
    -- The message in progress at SIGTERM finishes normally.
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_ACCEPT, "message in progress at SIGTERM")
    check(mt.eom_check(conn, MT_HDRADD, "X-OptOut-Milter", stamp("S1")), "header of the message in progress")
    mt.disconnect(conn)
    mt.disconnect(late)
end)
