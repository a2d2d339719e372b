-- Token introspection: POST /oauth2/introspect with client_secret_basic and one valid token.
-- env BENCH_BASIC: "Basic base64(client_id:secret)"; BENCH_TOKEN: the token; BENCH_DIR: this directory.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
wrk.method = "POST"
wrk.body = "token=" .. os.getenv("BENCH_TOKEN") .. "&token_type_hint=access_token"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = os.getenv("BENCH_BASIC")
