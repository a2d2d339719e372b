-- JWK Set: GET /oauth2/jwks, no authentication. env BENCH_DIR: this directory.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
wrk.method = "GET"
wrk.headers["Accept"] = "application/json"
