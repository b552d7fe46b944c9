-- Helpers shared by the protocol scripts. run.sh defines SOCK (the milter's socket spec), VERSION (the
-- binary's version), MILTER_PID, LOG (the milter's log file), GROUP (the socket_group configured)
-- and LIB (this file) with miltertest -D.

function fail(message)
    error(message, 2)
end

function check(condition, message)
    if not condition then
        error(message, 2)
    end
end

-- Connects (retrying briefly: the socket exists before libmilter accepts) and negotiates; sends the
-- SMTP client's address (loopback: outbound mail for the production session) when the milter asks
-- for the connect stage.
function open(client_ip)
    local conn = mt.connect(SOCK, 50, 0.1)
    check(conn ~= nil, "mt.connect() failed")
    if not mt.test_option(conn, SMFIP_NOCONNECT) then
        send("mt.conninfo", mt.conninfo(conn, "client.example", client_ip or "127.0.0.1"))
    end
    return conn
end

-- A marketing newsletter and a shipping notice, as header lists and bodies, for the production
-- session's classifier.
NEWSLETTER_HEADERS = {
    { "From", "Shop Deals <news@shop.example>" },
    { "Subject", "40% off everything this weekend only" },
    { "List-Unsubscribe", "<https://shop.example/unsub?u=1>" },
    { "Content-Type", "text/html; charset=utf-8" },
}
NEWSLETTER_BODY = "<html><body><h1>Big Weekend Sale: 40% off everything</h1>\r\n"
    .. "<p>Shop now and save on our new spring collection. Limited time offer, ends Sunday!</p>\r\n"
    .. "<p><a href=\"https://shop.example/sale?utm_source=newsletter&utm_medium=email\">Shop the sale</a></p>\r\n"
    .. "<p>Use code SPRING40 at checkout. Free shipping on orders over $50.</p>\r\n"
    .. "<p><a href=\"https://shop.example/unsub?u=1\">Unsubscribe</a></p></body></html>\r\n"
NOTICE_HEADERS = {
    { "From", "Orders <orders@shop.example>" },
    { "Subject", "Your order 12345 has shipped" },
    { "Content-Type", "text/plain; charset=utf-8" },
}
NOTICE_BODY = "Hello Jane,\r\n\r\nYour order 12345 has shipped and will arrive on Thursday.\r\n"
    .. "Tracking number: 1Z999AA10123456784\r\n\r\nThank you,\r\nShop customer service\r\n"

-- Sends headers, end of headers and the body of a message started with start_message.
function send_content(conn, headers, body)
    for _, header in ipairs(headers) do
        send("mt.header " .. header[1], mt.header(conn, header[1], header[2]))
    end
    send("mt.eoh", mt.eoh(conn))
    send("mt.bodystring", mt.bodystring(conn, body))
end

-- Sends a call and fails with its name when miltertest reports an error.
function send(what, result)
    if result ~= nil then
        error(what .. " failed: " .. tostring(result), 2)
    end
end

function expect_reply(conn, expected, what)
    local reply = mt.getreply(conn)
    if reply ~= expected then
        error(what .. ": expected reply '" .. string.char(expected) .. "', got '" .. string.char(reply) .. "'", 2)
    end
end

-- Starts a message: queue id macro, MAIL, RCPT (skipped by miltertest when not negotiated).
function start_message(conn, queue_id, recipient)
    mt.macro(conn, SMFIC_MAIL, "i", queue_id)
    send("mt.mailfrom", mt.mailfrom(conn, "sender@example.com"))
    if not mt.test_option(conn, SMFIP_NORCPT) then
        send("mt.rcptto", mt.rcptto(conn, recipient or "rcpt@example.net"))
    end
end

-- Waits (bounded: 10 s) until the milter's log contains `text`.
function wait_for_log(text)
    for _ = 1, 200 do
        local file = io.open(LOG, "r")
        if file ~= nil then
            local content = file:read("*a")
            file:close()
            if string.find(content, text, 1, true) ~= nil then
                return
            end
        end
        mt.sleep(0.05)
    end
    error("the milter never logged '" .. text .. "'", 2)
end

function stamp(queue_id)
    return VERSION .. " (queue-id " .. queue_id .. ")"
end

-- Runs a test body, printing the error (miltertest hides Lua errors) and exiting non-zero on failure.
function run(body)
    local ok, err = pcall(body)
    if not ok then
        print("ERROR: " .. tostring(err))
        os.exit(1)
    end
    os.exit(0)
end
