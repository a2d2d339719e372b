-- GET /scim/v2/Users?filter=... for a random one of the users the Bulk import made
-- (bulk-0 .. bulk-<N-1>). wrk ... -s scim-filter.lua -- <username|email> <N>
-- A response that does not find exactly one user counts as an error (bad status).
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   kind = args[1] or "username"
   users = tonumber(args[2] or "100000")
   wrk.headers["Authorization"] = "Bearer " .. os.getenv("SCIM_TOKEN")
   math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

local function encode(s)
   return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
   local i = math.random(0, users - 1)
   local filter
   if kind == "email" then
      filter = string.format('emails.value eq "BULK-%d@bench.example"', i)
   else
      filter = string.format('userName eq "bulk-%d"', i)
   end
   return wrk.format("GET", "/scim/v2/Users?filter=" .. encode(filter))
end

missed = 0
response = function(status, headers, body)
   if status == 200 and not body:find('"totalResults":1,', 1, true) then
      missed = missed + 1
   end
end

-- RESULT <requests/s> <p50 ms> <p99 ms> <non-2xx> <socket errors> <responses without exactly one user>
function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   local misses = 0
   for _, thread in ipairs(threads) do
      misses = misses + (thread:get("missed") or 0)
   end
   io.write(string.format("RESULT %.1f %.2f %.2f %d %d %d\n", summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.status,
      e.connect + e.read + e.write + e.timeout, misses))
end
