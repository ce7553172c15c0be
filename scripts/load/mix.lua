-- wrk: each request takes the next URL of the mix file (LOAD_URLS), in order.
local urls = {}
local i = 0
local threads = {}
-- per thread: how many answers of each failing status ("404=2 503=1")
failed = {}
statuses = ""

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(os.time())
  for line in io.lines(os.getenv("LOAD_URLS")) do
    urls[#urls + 1] = line
  end
  -- Threads start at different places of the list.
  i = math.random(#urls)
end

function request()
  i = i % #urls + 1
  return wrk.format("GET", urls[i])
end

function response(status, headers, body)
  if status >= 400 then
    failed[status] = (failed[status] or 0) + 1
    local parts = {}
    for code, n in pairs(failed) do parts[#parts + 1] = code .. "=" .. n end
    statuses = table.concat(parts, " ")
  end
end

function done(summary, latency, requests)
  io.write(string.format(
    "requests %d in %.1f s: %.1f requests/s; errors: %d non-2xx/3xx, %d socket " ..
    "(connect %d, read %d, write %d, timeout %d)\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.status, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  for _, thread in ipairs(threads) do
    local seen = thread:get("statuses")
    if seen and seen ~= "" then io.write("failing answers by status: " .. seen .. "\n") end
  end
end
