-- args:
-- The unix socket replaced a stale one left at its path (run.sh puts one there), and has the
-- configured group and mode, so that the MTA's group (postfix) can connect and nobody else.
dofile(LIB)
run(function()
    local path = string.gsub(SOCK, "^unix:", "")
    local stat = io.popen("stat -c '%F %a %G' " .. path)
    local line = stat:read("*l")
    stat:close()
    check(line == "socket 660 " .. GROUP, "socket is '" .. tostring(line) .. "', expected 'socket 660 " .. GROUP .. "'")
    local conn = open()
    start_message(conn, "K1")
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_ACCEPT, "end of message")
    mt.disconnect(conn)
end)
