-- args: --test-mode
-- Every verdict at end of message, one message after another on the same connection (a final
-- verdict ends the message, not the connection), a verdict at the header stage, and an internal
-- error ending in the configured error verdict (tempfail).
dofile(LIB)

local function message(conn, queue_id, headers)
    start_message(conn, queue_id)
    for _, header in ipairs(headers) do
        send("mt.header", mt.header(conn, header[1], header[2]))
    end
end

run(function()
    local conn = open()
    local cases = {
        { "accept", SMFIR_ACCEPT },
        { "continue", SMFIR_CONTINUE },
        { "reject", SMFIR_REJECT },
        { "tempfail", SMFIR_TEMPFAIL },
        { "discard", SMFIR_DISCARD },
        { "custom-tempfail", SMFIR_REPLYCODE },
    }
    for n, case in ipairs(cases) do
        local queue_id = "V" .. n
        message(conn, queue_id, { { "Subject", "verdict " .. case[1] }, { "X-Test-Verdict", case[1] } })
        send("mt.eom", mt.eom(conn))
        expect_reply(conn, case[2], "verdict " .. case[1])
        local edited = mt.eom_check(conn, MT_HDRADD, "X-OptOut-Milter", stamp(queue_id))
        if case[1] == "accept" or case[1] == "continue" then
            check(edited, "verdict " .. case[1] .. ": header not added")
        else
            check(not edited, "verdict " .. case[1] .. ": edits sent with a message that is not delivered")
        end
    end
    check(mt.eom_check(conn, MT_SMTPREPLY, "451", "4.7.1", "test says try again"), "custom tempfail reply")

    -- A verdict returned at the header stage, where the session may reply.
    message(conn, "V-NOW", { { "Subject", "now" } })
    send("mt.header", mt.header(conn, "X-Test-Verdict-Now", "reject"))
    expect_reply(conn, SMFIR_REJECT, "reject at the header stage")
    send("mt.abort", mt.abort(conn))

    -- The session throws at end of message: the configured error verdict, tempfail.
    message(conn, "V-ERR", { { "X-Test-Fail", "yes" } })
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_TEMPFAIL, "internal error")

    -- And the connection still works afterwards.
    message(conn, "V-AFTER", { { "Subject", "after" } })
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_ACCEPT, "message after an error")
    check(mt.eom_check(conn, MT_HDRADD, "X-OptOut-Milter", stamp("V-AFTER")), "header after an error")
    mt.disconnect(conn)
end)
