#!/usr/bin/env bash
# SCIM inbound benchmark (bench/README.md, "SCIM"): starts Monban on PostgreSQL (a fresh database
# on 127.0.0.1:5432) with scim-bootstrap.yaml and measures
#   1. single POST /scim/v2/Users at 8 connections (wrk + scim-post.lua),
#   2. a Bulk import of USERS users (scim_bulk.py: BATCH operations per request, PARALLEL at once),
#   3. filter queries over those users at 8 connections and at 1: userName eq and emails.value eq
#      (wrk + scim-filter.lua; every answer must find exactly one user).
#
# Environment (all optional):
#   JAR=idp-server/target/monban.jar  PORT=9270  JAVA_OPTS="-Xmx1g"
#   WARMUP=5 DURATION=30              seconds per wrk scenario
#   USERS=100000 BATCH=1000 PARALLEL=2
#   PROFILE=postgres|h2               (postgres: database monban_bench_scim_<pid>, dropped afterwards)
#   OUT=/tmp/monban-scim-bench-<time>
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
JAR=${JAR:-idp-server/target/monban.jar}
case "$JAR" in /*) ;; *) JAR="$ROOT/$JAR" ;; esac
PORT=${PORT:-9270}
JAVA_OPTS=${JAVA_OPTS:-"-Xmx1g"}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-30}
USERS=${USERS:-100000}
BATCH=${BATCH:-1000}
PARALLEL=${PARALLEL:-2}
PROFILE=${PROFILE:-postgres}
OUT=${OUT:-/tmp/monban-scim-bench-$(date +%Y%m%d-%H%M%S)}
BASE="http://127.0.0.1:$PORT"
export SCIM_TOKEN=bench-scim-token-0123456789abcdefghijklmnopqrst   # as in scim-bootstrap.yaml

log() { printf '[scim-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if ! command -v wrk >/dev/null; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get install -y wrk >/dev/null || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; }
fi
for tool in java curl python3 wrk; do command -v "$tool" >/dev/null || die "$tool is required"; done
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests package)
curl -s -o /dev/null --max-time 2 "$BASE/" && die "something already listens on 127.0.0.1:$PORT; set PORT"
mkdir -p "$OUT"
RUN_DIR=$(mktemp -d /tmp/monban-scim-bench.XXXXXX)
SERVER_PID=""
PG_DB=""

cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ -n "$PG_DB" ]; then
        psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $PG_DB" postgres >/dev/null 2>&1 || true
    fi
    rm -rf "$RUN_DIR"
}
trap cleanup EXIT

ARGS=(--server.port="$PORT" --server.address=127.0.0.1 --monban.issuer="$BASE"
      --monban.bootstrap.file="$BENCH_DIR/scim-bootstrap.yaml"
      --monban.crypto.master-key-file="$RUN_DIR/master.key" --logging.level.root=WARN)
if [ "$PROFILE" = postgres ]; then
    PG_DB="monban_bench_scim_$$"
    createdb -h 127.0.0.1 -U postgres "$PG_DB" || die "cannot create database $PG_DB on 127.0.0.1:5432"
    ARGS+=(--spring.profiles.active=postgres --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$PG_DB"
           --spring.datasource.username=postgres --spring.datasource.password=)
else
    ARGS+=(--spring.datasource.url="jdbc:h2:file:$RUN_DIR/monban")
fi
log "starting the server ($PROFILE) on $BASE; logs in $OUT/server.log"
(cd "$RUN_DIR" && exec java $JAVA_OPTS -jar "$JAR" "${ARGS[@]}") >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
# Ready once the bootstrap file (which registers the SCIM client) has been applied.
for _ in $(seq 1 180); do
    curl -sf -o /dev/null --max-time 2 -H "Authorization: Bearer $SCIM_TOKEN" "$BASE/scim/v2/Users?count=0" && break
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited; see $OUT/server.log"
    sleep 1
done
curl -sf -o /dev/null -H "Authorization: Bearer $SCIM_TOKEN" "$BASE/scim/v2/Users?count=0" \
    || die "the SCIM endpoint does not answer; see $OUT/server.log"

run_wrk() { # name script args...
    local name=$1 script=$2; shift 2
    wrk -t2 -c8 -d"${WARMUP}s" --timeout 10s -s "$BENCH_DIR/$script" "$BASE" -- "warm-$name" "$@" >"$OUT/$name.warmup.txt"
    wrk -t2 -c8 -d"${DURATION}s" --timeout 10s --latency -s "$BENCH_DIR/$script" "$BASE" -- "$name" "$@" >"$OUT/$name.txt"
    grep '^RESULT' "$OUT/$name.txt" | sed "s/^RESULT/$name/"
}

log "1. single POST /Users at 8 connections (${DURATION}s)"
POST=$(run_wrk post scim-post.lua)
log "2. Bulk import of $USERS users ($BATCH per request, $PARALLEL in parallel)"
BULK=$(python3 "$BENCH_DIR/scim_bulk.py" "$BASE" "$SCIM_TOKEN" "$USERS" "$BATCH" "$PARALLEL" | tee "$OUT/bulk.txt")
if [ -n "$PG_DB" ]; then
    # What autovacuum does within a minute on a normal server (it is off on some, e.g. this one's):
    # without statistics the planner takes the freshly filled tables for empty.
    psql -h 127.0.0.1 -U postgres -q -c "ANALYZE" "$PG_DB"
fi
TOTAL=$(curl -s -H "Authorization: Bearer $SCIM_TOKEN" "$BASE/scim/v2/Users?count=0" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalResults"])')
log "3. filter queries over $TOTAL users at 8 and 1 connections (${DURATION}s each)"
run_filter() { # name kind connections
    wrk -t"$(( $3 < 2 ? 1 : 2 ))" -c"$3" -d"${WARMUP}s" --timeout 10s -s "$BENCH_DIR/scim-filter.lua" "$BASE" -- "$2" "$USERS" >"$OUT/$1.warmup.txt"
    wrk -t"$(( $3 < 2 ? 1 : 2 ))" -c"$3" -d"${DURATION}s" --timeout 10s --latency -s "$BENCH_DIR/scim-filter.lua" "$BASE" -- "$2" "$USERS" >"$OUT/$1.txt"
    grep '^RESULT' "$OUT/$1.txt" | sed "s/^RESULT/$1/"
}
BY_NAME=$(run_filter filter-username-c8 username 8)
BY_EMAIL=$(run_filter filter-email-c8 email 8)
BY_NAME_1=$(run_filter filter-username-c1 username 1)
BY_EMAIL_1=$(run_filter filter-email-c1 email 1)

{
    echo "SCIM benchmark ($PROFILE, $(nproc) cores, users in the directory: $TOTAL)"
    echo "scenario             req/s    p50 ms   p99 ms   non-2xx  socket-errors  not-exactly-one"
    for line in "$POST" "$BY_NAME" "$BY_EMAIL" "$BY_NAME_1" "$BY_EMAIL_1"; do
        set -- $line
        printf '%-19s %8s %8s %8s %8s %8s %12s\n' "$1" "$2" "$3" "$4" "$5" "$6" "${7:--}"
    done
    echo "$BULK"
} | tee "$OUT/summary.txt"
