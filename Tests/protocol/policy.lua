-- args:
-- The policy through real libmilter: a newsletter to an opted-out and another recipient loses only
-- the opted-out one (SMFIR_DELRCPT) and is tagged; a shipping notice to the opted-out recipient
-- keeps it; mail from outside the outbound networks is accepted at MAIL, untouched.
dofile(LIB)
run(function()
    local conn = open()
    mt.macro(conn, SMFIC_MAIL, "i", "POL1")
    send("mt.mailfrom", mt.mailfrom(conn, "<news@shop.example>"))
    send("mt.rcptto", mt.rcptto(conn, "<optedout@example.net>"))
    send("mt.rcptto", mt.rcptto(conn, "<other@example.net>"))
    send_content(conn, NEWSLETTER_HEADERS, NEWSLETTER_BODY)
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_ACCEPT, "newsletter")
    check(mt.eom_check(conn, MT_RCPTDELETE, "<optedout@example.net>"), "the opted-out recipient was not removed")
    check(not mt.eom_check(conn, MT_RCPTDELETE, "<other@example.net>"), "the other recipient was removed")
    local header = mt.getheader(conn, "X-OptOut-Policy", 0)
    check(header ~= nil and string.find(header, "^marketing; ") ~= nil, "header is '" .. tostring(header) .. "'")
    check(string.find(header, "action=remove-recipient", 1, true) ~= nil, "header is '" .. header .. "'")

    mt.macro(conn, SMFIC_MAIL, "i", "POL2")
    send("mt.mailfrom", mt.mailfrom(conn, "<orders@shop.example>"))
    send("mt.rcptto", mt.rcptto(conn, "<optedout@example.net>"))
    send_content(conn, NOTICE_HEADERS, NOTICE_BODY)
    send("mt.eom", mt.eom(conn))
    expect_reply(conn, SMFIR_ACCEPT, "shipping notice")
    check(not mt.eom_check(conn, MT_RCPTDELETE, "<optedout@example.net>"), "service mail lost its recipient")
    mt.disconnect(conn)

    local outside = open("203.0.113.7")
    mt.macro(outside, SMFIC_MAIL, "i", "POL3")
    send("mt.mailfrom", mt.mailfrom(outside, "<news@shop.example>"))
    expect_reply(outside, SMFIR_ACCEPT, "MAIL from outside the outbound networks")
    mt.disconnect(outside)

    -- One audit line per judged marketing or suppressed message: POL1 and POL2, not POL3.
    local file = io.open(AUDIT, "r")
    local text = file:read("*a")
    file:close()
    check(string.find(text, '"queue_id":"POL1"', 1, true) ~= nil, "no audit line for POL1")
    check(string.find(text, '"queue_id":"POL2"', 1, true) ~= nil, "no audit line for POL2")
    check(string.find(text, "POL3", 1, true) == nil, "out-of-scope mail was audited")
end)
