-- Sends the signed-in cookie (BENCH_COOKIE) or an API key (BENCH_API_KEY, as a bearer token) and counts every answer other than 200 as an error: a sign-in
-- redirect (302) or a 403 would otherwise pass for success. Prints one machine-readable BENCH line.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  local cookie = os.getenv("BENCH_COOKIE")
  if cookie and #cookie > 0 then wrk.headers["Cookie"] = cookie end
  local key = os.getenv("BENCH_API_KEY")
  if key and #key > 0 then wrk.headers["Authorization"] = "Bearer " .. key end
  wrk.headers["Accept-Encoding"] = os.getenv("BENCH_ENCODING") or "gzip, br"
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local non200 = 0
  for _, t in ipairs(threads) do non200 = non200 + t:get("bad") end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  io.write(string.format("BENCH requests=%d rps=%.1f p50=%.2f p95=%.2f p99=%.2f socket_errors=%d non200=%d timeouts=%d read_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, socket, non200, e.timeout, e.read))
end
