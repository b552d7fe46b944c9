-- args:
-- SIGUSR1 reloads (the reload hook runs and logs) without stopping the milter or disturbing a
-- message in progress; SIGHUP is not a reload and is left to the stop test.
dofile(LIB)
run(function()
    local conn = open()
    start_message(conn, "R1")
    check(os.execute("kill -USR1 " .. MILTER_PID), "kill failed")
    wait_for_log("reloaded")
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_ACCEPT, "message in progress during reload")
    check(mt.eom_check(conn, MT_HDRADD, "X-OptOut-Milter", stamp("R1")), "header after reload")
    local again = open()
    start_message(again, "R2")
    send("mt.eom", mt.eom(again))
    expect_reply(again, SMFIR_ACCEPT, "new connection after reload")
    mt.disconnect(conn)
    mt.disconnect(again)
end)
