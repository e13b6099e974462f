-- wrk script for bench/guide.py: each request takes the next path from a file (one path a line,
-- named after "--" on wrk's command line), and done() prints the run's figures as one JSON line
-- starting with "BENCH " (latencies in microseconds, as wrk measures them).

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  -- Spread the threads over the list so they do not ask for the same page at the same time.
  thread:set("offset", counter * 7919)
  table.insert(threads, thread)
end

local paths = {}
local index = 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  index = (offset or 0) % #paths
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, "mean_us": %.1f, "p50_us": %d, ' ..
    '"p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "errors_connect": %d, ' ..
    '"errors_read": %d, "errors_write": %d, "errors_status": %d, "errors_timeout": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency.mean,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
