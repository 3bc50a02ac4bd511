-- P5 load generator for wrk (Debian's wrk 4.1): one sign-up per API token, every token exactly once.
--   wrk -t T -c C -d 600s --timeout 120s -s bench/p5_signup.lua http://127.0.0.1:PORT -- PATH TOKENS_FILE T
-- Thread k of T sends the tokens on lines k, k+T, k+2T, ... of TOKENS_FILE as
-- POST PATH with "Authorization: Bearer <token>". When a thread has all its answers it prints
-- "p5-thread-done <status>:<count>,..." on stdout and stops; the bench script interrupts wrk
-- (its duration is only an upper bound) once every thread has reported.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local path, body, tokens, reserved, sent, answered, statuses

function init(args)
  path = args[1]
  body = args[4] or "{}"  -- the JSON body of every request (P6 sends a ballot)
  local id, nthreads = wrk.thread:get("id"), tonumber(args[3])
  tokens, statuses = {}, {}
  local line_no = 0
  for line in io.lines(args[2]) do
    if line_no % nthreads == id then
      table.insert(tokens, line)
    end
    line_no = line_no + 1
  end
  reserved, sent, answered = 0, 0, 0
  if #tokens == 0 then
    io.write("p5-thread-done \n")
    io.flush()
  end
end

-- A connection asks for a delay before each request: 0 while a token is left for it (the token is
-- reserved here, so request() always has one), otherwise park the connection for good.
function delay()
  if reserved < #tokens then
    reserved = reserved + 1
    return 0
  end
  return 3600000
end

-- wrk calls request() once on thread 0 before any connection, to check the script: that call gets a
-- request without a token of the list (it is parsed, never sent).
function request()
  local token = "unsent"
  if sent < reserved then
    sent = sent + 1
    token = tokens[sent]
  end
  return wrk.format("POST", path, {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  answered = answered + 1
  if answered == #tokens then
    local parts = {}
    for s, n in pairs(statuses) do
      table.insert(parts, s .. ":" .. n)
    end
    io.write("p5-thread-done " .. table.concat(parts, ",") .. "\n")
    io.flush()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  io.write(string.format("p5-latency-p95-us %d\n", latency:percentile(95)))
  io.flush()
end
