-- wrk script of bench/run: rotate requests over logged-in sessions, count every
-- answer that is not 2xx as an error, stop after a number of requests, and print
-- the figures as one JSON line.
--
--   wrk -t2 -c16 -d20s -s bench/load.lua http://127.0.0.1:8765 -- REQUESTS_FILE MAX_REQUESTS 2
--
-- (the last argument repeats the number of threads: init() runs before wrk has
-- created them all).
--
-- REQUESTS_FILE holds one request a line, tab-separated: method, path, cookie,
-- CSRF token, body ("-" for none). Thread n of N takes lines n, n + N, n + 2N...:
-- no two threads share a session, and a thread's connections take its sessions
-- in turn, so one person's row locks never queue the whole load.

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

local function split(line)
   local fields = {}
   for field in (line .. "\t"):gmatch("([^\t]*)\t") do
      table.insert(fields, field)
   end
   return fields
end

function init(args)
   local path, most, count = args[1], tonumber(args[2] or "0"), tonumber(args[3] or "1")
   prepared, index, answered, failed = {}, 0, 0, 0
   limit = most > 0 and math.ceil(most / count) or 0
   local number = 0
   for line in io.lines(path) do
      if number % count == id then
         local f = split(line)
         local headers = {["Accept-Encoding"] = "gzip"}
         if f[3] ~= "" then headers["Cookie"] = f[3] end
         if f[4] ~= "" then headers["X-CSRFToken"] = f[4] end
         local body = nil
         if f[5] ~= "-" then
            body = f[5]
            headers["Content-Type"] = "application/json"
         end
         table.insert(prepared, wrk.format(f[1], f[2], headers, body))
      end
      number = number + 1
   end
   if #prepared == 0 then
      prepared = {wrk.format("GET", "/healthz")}
   end
end

function request()
   index = index % #prepared + 1
   return prepared[index]
end

function response(status, headers, body)
   answered = answered + 1
   if status < 200 or status > 299 then
      failed = failed + 1
   end
   if limit > 0 and answered >= limit then
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   local failed_total = 0
   for _, thread in ipairs(threads) do
      failed_total = failed_total + (thread:get("failed") or 0)
   end
   local e = summary.errors
   io.write(string.format(
      'BENCH_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, ' ..
      '"p99_us": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, ' ..
      '"status": %d, "not_2xx": %d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), e.connect, e.read, e.write, e.timeout, e.status, failed_total))
end
