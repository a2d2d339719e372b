-- Shared by the wrk scripts of bench/: after the run, one machine-readable line for run.sh.
-- RESULT <requests/s> <p50 ms> <p99 ms> <non-2xx responses> <socket errors>
function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n",
      summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      e.status, e.connect + e.read + e.write + e.timeout))
end
