#!/usr/bin/env bash
# Monban benchmark: starts the server on 127.0.0.1 with a fresh database and bench-bootstrap.yaml,
# then measures with wrk (same machine) client_credentials tokens (RS256, ES256), introspection,
# userinfo and JWKS at 8 and 32 connections, whole authorization-code logins with 1 and 4
# parallel clients (codeflow.py), and the raw Argon2id rate (Argon2Rate.java). See bench/README.md.
#
# Environment (all optional):
#   JAR=idp-server/target/monban.jar   server jar, relative to the repository root or absolute
#                                      (built with mvn only when missing)
#   PORT=9100                          port on 127.0.0.1
#   WARMUP=5 DURATION=15               seconds of warm-up and of measurement, per scenario
#   CONNECTIONS="8 32"                 wrk connection counts;  WRK_THREADS=2;  WRK_TIMEOUT=10s
#   LOGIN_CLIENTS="1 4"                parallel code-flow clients
#   ARGON2_WARMUP=5 ARGON2_SECONDS=4 ARGON2_ROUNDS=3   (1, 2 and 4 threads per round)
#   JAVA_OPTS="-Xmx1g"                 server JVM options (also used for Argon2Rate)
#   PROFILE=h2|postgres                postgres: fresh database on 127.0.0.1:5432, user postgres (trust)
#   ONLY="cc-rs cc-es introspect introspect-user userinfo jwks codeflow argon2"   scenarios to run
#   JFR=1                              profile every measured wrk/login run: a JFR recording and
#                                      a thread dump every 2 s, summarised by bench/jfrtop.py into
#                                      OUT/<scenario>.top.txt and OUT/<scenario>.threads.top.txt
#   OUT=/tmp/monban-bench-<time>       where logs, wrk outputs and profiles are kept
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
JAR=${JAR:-idp-server/target/monban.jar}
case "$JAR" in /*) ;; *) JAR="$ROOT/$JAR" ;; esac
PORT=${PORT:-9100}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-"8 32"}
WRK_THREADS=${WRK_THREADS:-2}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
LOGIN_CLIENTS=${LOGIN_CLIENTS:-"1 4"}
ARGON2_WARMUP=${ARGON2_WARMUP:-5}
ARGON2_SECONDS=${ARGON2_SECONDS:-4}
ARGON2_ROUNDS=${ARGON2_ROUNDS:-3}
JAVA_OPTS=${JAVA_OPTS:-"-Xmx1g"}
PROFILE=${PROFILE:-h2}
ONLY=${ONLY:-"cc-rs cc-es introspect introspect-user userinfo jwks codeflow argon2"}
JFR=${JFR:-0}
OUT=${OUT:-/tmp/monban-bench-$(date +%Y%m%d-%H%M%S)}
BASE="http://127.0.0.1:$PORT"

# Must match bench-bootstrap.yaml.
RS_CLIENT=bench-rs;  RS_SECRET=bench-rs-secret-0123456789abcdefghijklmnop
ES_CLIENT=bench-es;  ES_SECRET=bench-es-secret-0123456789abcdefghijklmnop
WEB_CLIENT=bench-web; WEB_SECRET=bench-web-secret-0123456789abcdefghijklmno

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
wants() { [[ " $ONLY " == *" $1 "* ]]; }
basic() { printf 'Basic %s' "$(printf '%s:%s' "$1" "$2" | base64 -w0)"; }

# --- prerequisites -------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
    log "installing wrk"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get install -y wrk >/dev/null || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; }
fi
for tool in java curl python3 wrk; do command -v "$tool" >/dev/null || die "$tool is required"; done
if [ ! -f "$JAR" ]; then
    log "no $JAR: building it (mvn -q -B -DskipTests package)"
    (cd "$ROOT" && mvn -q -B -DskipTests package)
    [ -f "$JAR" ] || die "the build did not produce $JAR"
fi
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
    die "something already listens on 127.0.0.1:$PORT; set PORT"
fi

mkdir -p "$OUT"
RUN_DIR=$(mktemp -d /tmp/monban-bench-run.XXXXXX)
SERVER_PID=""
PG_DB=""

cleanup() {
    local rc=$?
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        log "stopping the server (pid $SERVER_PID)"
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ -n "$PG_DB" ]; then
        dropdb -h 127.0.0.1 -U postgres --if-exists "$PG_DB" 2>/dev/null || log "could not drop database $PG_DB"
    fi
    rm -rf "$RUN_DIR"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Argon2 jars: from the Boot jar (same versions as the server), else from ~/.m2 -----------------
JARS_DIR="$RUN_DIR/argon2-lib"
mkdir -p "$JARS_DIR"
python3 - "$JAR" "$JARS_DIR" <<'PY'
import re, sys, zipfile, os
jar, dest = sys.argv[1], sys.argv[2]
wanted = re.compile(r"BOOT-INF/lib/(spring-security-crypto|bcprov-jdk18on|commons-logging|spring-jcl)-[^/]*\.jar$")
with zipfile.ZipFile(jar) as z:
    for name in z.namelist():
        if wanted.match(name):
            with open(os.path.join(dest, os.path.basename(name)), "wb") as f:
                f.write(z.read(name))
PY
if ! ls "$JARS_DIR"/spring-security-crypto-*.jar "$JARS_DIR"/bcprov-jdk18on-*.jar >/dev/null 2>&1; then
    M2=${M2_REPO:-$HOME/.m2/repository}
    for pattern in 'spring-security-crypto-*.jar' 'bcprov-jdk18on-*.jar' 'commons-logging-*.jar' 'spring-jcl-*.jar'; do
        found=$(find "$M2" -name "$pattern" ! -name '*sources*' ! -name '*javadoc*' 2>/dev/null | sort -V | tail -1)
        if [ -n "$found" ]; then cp "$found" "$JARS_DIR/"; fi
    done
fi
ARGON2_CP=$(ls "$JARS_DIR"/*.jar 2>/dev/null | paste -sd:)

# --- database --------------------------------------------------------------------------------------
DB_ARGS=()
if [ "$PROFILE" = postgres ]; then
    command -v createdb >/dev/null || die "PROFILE=postgres needs the PostgreSQL client tools (createdb)"
    PG_DB="monban_bench_$(date +%s)_$$"
    createdb -h 127.0.0.1 -U postgres "$PG_DB" || die "createdb on 127.0.0.1:5432 failed"
    DB_ARGS=(--spring.profiles.active=postgres
             "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$PG_DB"
             --spring.datasource.username=postgres --spring.datasource.password=)
    log "database: PostgreSQL $PG_DB"
else
    DB_ARGS=("--spring.datasource.url=jdbc:h2:file:$RUN_DIR/db/monban")
    log "database: H2 in $RUN_DIR/db"
fi

# --- server ----------------------------------------------------------------------------------------
MASTER_KEY=$(head -c 32 /dev/urandom | base64 -w0)
log "starting $JAR on $BASE ($JAVA_OPTS); log: $OUT/server.log"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
(cd "$RUN_DIR" && exec java $JAVA_OPTS -jar "$JAR" \
    --server.address=127.0.0.1 --server.port="$PORT" --monban.issuer="$BASE" \
    --monban.bootstrap.file="$BENCH_DIR/bench-bootstrap.yaml" \
    --monban.crypto.master-key="$MASTER_KEY" "${DB_ARGS[@]}") >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
started=$(date +%s)
until curl -s --max-time 2 "$BASE/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$OUT/server.log" >&2; die "the server exited"; }
    [ $(( $(date +%s) - started )) -lt 180 ] || { tail -40 "$OUT/server.log" >&2; die "the server did not come up in 180 s"; }
    sleep 1
done
log "server UP after $(( $(date +%s) - started )) s (pid $SERVER_PID)"

# --- helpers ---------------------------------------------------------------------------------------
RESULTS="$OUT/results.tsv"   # scenario, parameter, rate, p50 ms, p99 ms, errors, note
: >"$RESULTS"
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RESULTS"; }

cc_token() {  # client_credentials access token of client $1 with secret $2
    curl -s --fail -u "$1:$2" -d 'grant_type=client_credentials&scope=api.read' "$BASE/oauth2/token" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

# check NAME CURL_ARGS...: one request must answer 200 before load is worth generating
check() {
    local name=$1; shift
    local code
    code=$(curl -s -o "$OUT/$name.check" -w '%{http_code}' "$@") || code=000
    echo "$code" >"$OUT/$name.code"
    if [ "$code" != 200 ]; then
        log "$name: HTTP $code: $(head -c 400 "$OUT/$name.check")"
        return 1
    fi
}

jfr_start() {  # name seconds: a JFR recording plus a thread dump every 2 s (JFR misses some stacks)
    [ "$JFR" = 1 ] || return 0
    jcmd "$SERVER_PID" JFR.start name="$1" settings=profile duration="$2s" filename="$OUT/$1.jfr" >/dev/null
    ( for _ in $(seq 1 $(( $2 / 2 - 1 ))); do
          sleep 2
          jcmd "$SERVER_PID" Thread.print >>"$OUT/$1.threads.txt" 2>/dev/null || true
      done ) &
    DUMPER_PID=$!
}
jfr_report() {  # name
    [ "$JFR" = 1 ] || return 0
    [ -z "${DUMPER_PID:-}" ] || wait "$DUMPER_PID" || true
    DUMPER_PID=""
    sleep 2   # the recording ends and is written shortly after its duration
    python3 "$BENCH_DIR/jfrtop.py" "$OUT/$1.jfr" >"$OUT/$1.top.txt" 2>&1 || true
    python3 "$BENCH_DIR/jfrtop.py" --threads "$OUT/$1.threads.txt" >"$OUT/$1.threads.top.txt" 2>&1 || true
    log "profile of $1: $OUT/$1.top.txt, $OUT/$1.threads.top.txt"
}

# settle: a scenario that overloaded the server leaves requests queued; wait until it answers again.
settle() {
    local t0
    t0=$(date +%s)
    until curl -s --max-time 5 "$BASE/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
        [ $(( $(date +%s) - t0 )) -lt 120 ] || { log "the server is still not answering after 120 s"; return 0; }
        sleep 1
    done
    [ $(( $(date +%s) - t0 )) -lt 3 ] || log "the server needed $(( $(date +%s) - t0 )) s to catch up"
}

# wrk_run NAME CONNECTIONS SCRIPT PATH: warm-up, then the measured run; records the result.
wrk_run() {
    local name=$1 conns=$2 script=$3 path=$4 threads=$WRK_THREADS
    [ "$threads" -le "$conns" ] || threads=$conns
    log "$name c=$conns: warm-up ${WARMUP}s"
    wrk -t"$threads" -c"$conns" -d"${WARMUP}s" --timeout "$WRK_TIMEOUT" -s "$BENCH_DIR/$script" "$BASE$path" \
        >"$OUT/$name-c$conns.warmup.txt" 2>&1
    log "$name c=$conns: measuring ${DURATION}s"
    jfr_start "$name-c$conns" "$DURATION"
    wrk -t"$threads" -c"$conns" -d"${DURATION}s" --timeout "$WRK_TIMEOUT" --latency -s "$BENCH_DIR/$script" \
        "$BASE$path" >"$OUT/$name-c$conns.txt" 2>&1
    jfr_report "$name-c$conns"
    settle
    local line
    line=$(grep '^RESULT ' "$OUT/$name-c$conns.txt" | tail -1) || true
    if [ -z "$line" ]; then
        record "$name" "$conns" - - - - "wrk failed: see $OUT/$name-c$conns.txt"
        return
    fi
    # shellcheck disable=SC2086
    set -- $line
    local rps=$2 p50=$3 p99=$4 non2xx=$5 sockerr=$6 note=""
    if [ "$non2xx" != 0 ] || [ "$sockerr" != 0 ]; then note="FAILED: $non2xx non-2xx, $sockerr socket errors"; fi
    if [ "$(grep -o '^ *[0-9]* requests in' "$OUT/$name-c$conns.txt" | tr -dc 0-9)" = 0 ]; then
        note="FAILED: no request completed (wrk timeout $WRK_TIMEOUT)"
    fi
    record "$name" "$conns" "$rps" "$p50" "$p99" "$((non2xx + sockerr))" "$note"
}

export BENCH_DIR

# --- client_credentials -----------------------------------------------------------------------------
for alg in rs es; do
    wants "cc-$alg" || continue
    if [ $alg = rs ]; then client=$RS_CLIENT; secret=$RS_SECRET; else client=$ES_CLIENT; secret=$ES_SECRET; fi
    name="cc-$alg"
    if ! check "$name" -u "$client:$secret" -d 'grant_type=client_credentials&scope=api.read' "$BASE/oauth2/token"; then
        for c in $CONNECTIONS; do record "$name" "$c" - - - - "FAILED: see $OUT/$name.check"; done
        continue
    fi
    for c in $CONNECTIONS; do
        BENCH_BASIC=$(basic "$client" "$secret") wrk_run "$name" "$c" token.lua /oauth2/token
    done
done

# --- introspection ------------------------------------------------------------------------------------
if wants introspect; then
    for c in $CONNECTIONS; do
        # A fresh token per run: access tokens live 5 minutes.
        token=$(cc_token "$RS_CLIENT" "$RS_SECRET") || token=""
        if [ -z "$token" ] || ! check introspect -u "$RS_CLIENT:$RS_SECRET" --data-urlencode "token=$token" "$BASE/oauth2/introspect" ||
                ! grep -q '"active":true' "$OUT/introspect.check"; then
            record introspect "$c" - - - - "FAILED: see $OUT/introspect.check"
            continue
        fi
        BENCH_BASIC=$(basic "$RS_CLIENT" "$RS_SECRET") BENCH_TOKEN=$token wrk_run introspect "$c" introspect.lua /oauth2/introspect
    done
fi

# --- user access tokens: introspection and userinfo ---------------------------------------------------
user_token() {  # NAME CONNS: access token of a fresh code-flow login (scope openid), or records a failure
    local token
    token=$(python3 "$BENCH_DIR/codeflow.py" --base "$BASE" --once 2>"$OUT/$1-c$2.login.txt") || token=""
    [ -n "$token" ] || record "$1" "$2" - - - - "FAILED: code-flow login, see $OUT/$1-c$2.login.txt"
    printf '%s' "$token"
}
if wants introspect-user; then
    for c in $CONNECTIONS; do
        token=$(user_token introspect-user "$c")
        [ -n "$token" ] || continue
        if ! check introspect-user -u "$WEB_CLIENT:$WEB_SECRET" --data-urlencode "token=$token" "$BASE/oauth2/introspect" ||
                ! grep -q '"active":true' "$OUT/introspect-user.check"; then
            record introspect-user "$c" - - - - "FAILED: see $OUT/introspect-user.check"
            continue
        fi
        BENCH_BASIC=$(basic "$WEB_CLIENT" "$WEB_SECRET") BENCH_TOKEN=$token wrk_run introspect-user "$c" introspect.lua /oauth2/introspect
    done
fi
if wants userinfo; then
    for c in $CONNECTIONS; do
        token=$(user_token userinfo "$c")
        [ -n "$token" ] || continue
        if ! check userinfo -H "Authorization: Bearer $token" "$BASE/userinfo"; then
            record userinfo "$c" - - - - "FAILED: HTTP $(cat "$OUT/userinfo.code") $(head -c 160 "$OUT/userinfo.check" | tr '\t\n' '  ')"
            continue
        fi
        BENCH_TOKEN=$token wrk_run userinfo "$c" userinfo.lua /userinfo
    done
fi

# --- JWKS -----------------------------------------------------------------------------------------------
if wants jwks; then
    if check jwks "$BASE/oauth2/jwks"; then
        for c in $CONNECTIONS; do wrk_run jwks "$c" jwks.lua /oauth2/jwks; done
    else
        for c in $CONNECTIONS; do record jwks "$c" - - - - "FAILED: see $OUT/jwks.check"; done
    fi
fi

# --- authorization-code logins ----------------------------------------------------------------------------
if wants codeflow; then
    for n in $LOGIN_CLIENTS; do
        log "code flow, $n client(s): warm-up ${WARMUP}s, measuring ${DURATION}s"
        jfr_pid=""
        if [ "$JFR" = 1 ]; then
            (sleep "$WARMUP"; jfr_start "codeflow-$n" "$DURATION"; wait) &
            jfr_pid=$!
        fi
        if python3 "$BENCH_DIR/codeflow.py" --base "$BASE" --clients "$n" --warmup "$WARMUP" --duration "$DURATION" \
                --json >"$OUT/codeflow-$n.json" 2>"$OUT/codeflow-$n.err"; then :; fi
        [ -z "$jfr_pid" ] || wait "$jfr_pid" || true
        jfr_report "codeflow-$n"
        python3 - "$OUT/codeflow-$n.json" "$n" >>"$RESULTS" <<'PY' || record codeflow "$n" - - - - "FAILED: see $OUT/codeflow-$n.err"
import json, sys
r = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
note = "" if not r["errors"] else f"{r['errors']} failed logins: {r['first_error']}"[:200]
fmt = lambda v: "-" if v is None else v
print("\t".join(map(str, ["codeflow", sys.argv[2], r["logins_per_s"], fmt(r["p50_ms"]), fmt(r["p99_ms"]),
                          r["errors"], note])))
PY
    done
fi

# --- raw Argon2 (the server is idle now) -----------------------------------------------------------------
if wants argon2; then
    if [ -z "$ARGON2_CP" ]; then
        record argon2 1 - - - - "FAILED: spring-security-crypto / bcprov jars not found"
    else
        log "raw Argon2id: warm-up ${ARGON2_WARMUP}s, $ARGON2_ROUNDS rounds of ${ARGON2_SECONDS}s per thread count"
        # shellcheck disable=SC2086
        if java $JAVA_OPTS -cp "$ARGON2_CP" "$BENCH_DIR/Argon2Rate.java" "$ARGON2_WARMUP" "$ARGON2_SECONDS" \
                "$ARGON2_ROUNDS" >"$OUT/argon2.txt" 2>&1; then
            grep '^argon2 ' "$OUT/argon2.txt" | while read -r _ threads rate _; do
                record argon2 "${threads#threads=}" "$(echo "${rate#rate=}" | tr -d '/s')" - - 0 ""
            done
        else
            record argon2 1 - - - - "FAILED: see $OUT/argon2.txt"
        fi
    fi
fi

# --- summary ------------------------------------------------------------------------------------------------
python3 - "$RESULTS" "$PROFILE" "$WARMUP" "$DURATION" "$(nproc)" "$JAR" <<'PY' | tee "$OUT/summary.txt"
import sys
results, profile, warmup, duration, cpus, jar = sys.argv[1:7]
rows = [line.rstrip("\n").split("\t") for line in open(results) if line.strip()]
labels = {"cc-rs": ("client_credentials RS256", "tokens/s", "conns"),
          "cc-es": ("client_credentials ES256", "tokens/s", "conns"),
          "introspect": ("introspection (cc token)", "req/s", "conns"),
          "introspect-user": ("introspection (user tok.)", "req/s", "conns"),
          "userinfo": ("userinfo", "req/s", "conns"),
          "jwks": ("JWKS", "req/s", "conns"),
          "codeflow": ("code-flow logins", "logins/s", "clients"),
          "argon2": ("raw Argon2id verify", "hashes/s", "threads")}
print(f"\nMonban benchmark: {cpus} CPUs shared with the load generator, database {profile}, "
      f"warm-up {warmup} s, measured {duration} s\n  jar {jar}\n")
print(f"{'scenario':<26}{'':>9} {'rate':>10} {'unit':<9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}  note")
print("-" * 100)
for name, param, rate, p50, p99, errors, note in rows:
    label, unit, pname = labels.get(name, (name, "", ""))
    print(f"{label:<26}{pname + ' ' + param:>9} {rate:>10} {unit:<9}{p50:>9}{p99:>9}{errors:>8}  {note}")
def rate_of(name, param):
    for r in rows:
        if r[0] == name and r[1] == param:
            try:
                return float(r[2])
            except ValueError:
                return None
    return None
login1, login4 = rate_of("codeflow", "1"), rate_of("codeflow", "4")
argon = {t: rate_of("argon2", t) for t in ("1", "2", "4")}
if argon["2"]:
    print()
    for clients, login in (("1", login1), ("4", login4)):
        if login:
            parts = [f"{100 * login / argon[t]:.0f}% of {t} thread{'s' if t != '1' else ''}"
                     for t in ("1", "2", "4") if argon[t]]
            print(f"code-flow logins, {clients} client{'s' if clients != '1' else ''}: {login:g}/s = "
                  + ", ".join(parts) + " of raw Argon2")
PY
log "results kept in $OUT"
