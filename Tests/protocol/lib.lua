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

-- Connects (retrying briefly: the socket exists before libmilter accepts) and negotiates.
function open()
    local conn = mt.connect(SOCK, 50, 0.1)
    check(conn ~= nil, "mt.connect() failed")
    return conn
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
