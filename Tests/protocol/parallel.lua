-- args:
-- 50 connections open at once, every message in progress at the same time, then each finished in a
-- different order: odd connections send a newsletter, even ones a shipping notice, and each gets
-- its own verdict, none another's (the scanner state is per connection).
dofile(LIB)
run(function()
    local count = 50
    local conns = {}
    for n = 1, count do
        conns[n] = open()
    end
    for n = 1, count do
        start_message(conns[n], "P" .. n)
        if n % 2 == 1 then
            send_content(conns[n], NEWSLETTER_HEADERS, NEWSLETTER_BODY)
        else
            send_content(conns[n], NOTICE_HEADERS, NOTICE_BODY)
        end
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
        local header = tostring(mt.getheader(conns[n], "X-OptOut-Policy", 0))
        local expected = n % 2 == 1 and "^marketing; " or "^not%-marketing; "
        check(string.find(header, expected) ~= nil, "connection " .. n .. ": header is '" .. header .. "'")
    end
    for n = 1, count do
        mt.disconnect(conns[n])
    end
end)
