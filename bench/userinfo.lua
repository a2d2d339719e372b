-- UserInfo: GET /userinfo with the access token of an authorization-code login (scope openid).
-- env BENCH_TOKEN: the access token; BENCH_DIR: this directory.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
wrk.method = "GET"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
