-- args:
-- 50 connections open at once, every message in progress at the same time, then each finished in a
-- different order: each gets its own header value (its own queue id), none another's.
dofile(LIB)
run(function()
    local count = 50
    local conns = {}
    for n = 1, count do
        conns[n] = open()
    end
    for n = 1, count do
        start_message(conns[n], "P" .. n)
    end
    -- Finish odd ones first, then even ones, newest first.
    local order = {}
    for n = 1, count, 2 do
        order[#order + 1] = n
    end
    for n = count, 2, -2 do
        order[#order + 1] = n
    end
    for _, n in ipairs(order) do
        send("mt.eom " .. n, mt.eom(conns[n]))
        expect_reply(conns[n], SMFIR_ACCEPT, "connection " .. n)
        check(mt.eom_check(conns[n], MT_HDRADD, "X-OptOut-Milter", stamp("P" .. n)),
            "connection " .. n .. ": header is '" .. tostring(mt.getheader(conns[n], "X-OptOut-Milter", 0)) .. "'")
    end
    for n = 1, count do
        mt.disconnect(conns[n])
    end
end)
