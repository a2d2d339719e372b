-- POST /scim/v2/Users of a new user per request (a unique userName and email per thread and
-- request). wrk ... -s scim-post.lua -- <prefix>; the token comes from $SCIM_TOKEN.
local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("tid", #threads)
end

function init(args)
   prefix = args[1] or "post"
   counter = 0
   wrk.method = "POST"
   wrk.path = "/scim/v2/Users"
   wrk.headers["Content-Type"] = "application/scim+json"
   wrk.headers["Authorization"] = "Bearer " .. os.getenv("SCIM_TOKEN")
end

request = function()
   counter = counter + 1
   local name = string.format("%s-%d-%d", prefix, tid, counter)
   local body = string.format([[{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"%s","name":{"givenName":"Bench","familyName":"User %d"},"displayName":"Bench User","emails":[{"value":"%s@bench.example","type":"work","primary":true}],"active":true,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"%s","department":"Load"}}]], name, counter, name, name)
   return wrk.format(nil, nil, nil, body)
end

-- RESULT <requests/s> <p50 ms> <p99 ms> <non-2xx> <socket errors>
function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.status,
      e.connect + e.read + e.write + e.timeout))
end
