-- client_credentials token requests: POST /oauth2/token with client_secret_basic.
-- env BENCH_BASIC: "Basic base64(client_id:secret)"; BENCH_DIR: this directory.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&scope=api.read"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = os.getenv("BENCH_BASIC")
