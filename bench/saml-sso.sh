#!/usr/bin/env bash
# Signed SAML responses per second for a signed-in user: the SSO answer endpoint alone
# (GET /saml2/sso/continue, which builds, signs and returns the Response in its auto-submitting
# form), the session cookie reused, at 8 connections. Starts Monban on 127.0.0.1 with a fresh H2
# database and bench/saml-bootstrap.yaml. See bench/README.md.
#
#   bench/saml-sso.sh                     builds idp-server/target/monban.jar if missing
#   JAR=... CONNECTIONS="8 32" DURATION=30 bench/saml-sso.sh
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
JAR=${JAR:-idp-server/target/monban.jar}
case "$JAR" in /*) ;; *) JAR="$ROOT/$JAR" ;; esac
PORT=${PORT:-9200}
BASE="http://127.0.0.1:$PORT"
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-8}
WRK_THREADS=${WRK_THREADS:-2}
JAVA_OPTS=${JAVA_OPTS:-"-Xmx1g"}
SP=https://bench-sp.example.test
USER_NAME=saml-bench
PASSWORD=lantern-quarry-mosaic-58-heron

log() { printf '[saml-bench] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

command -v wrk >/dev/null || { log "installing wrk"; (apt-get install -y wrk >/dev/null 2>&1 || sudo apt-get install -y wrk >/dev/null 2>&1) || die "wrk is required"; }
for tool in java curl python3; do command -v "$tool" >/dev/null || die "$tool is required"; done
if [ ! -f "$JAR" ]; then
    log "building $JAR"
    (cd "$ROOT" && mvn -q -B -DskipTests -pl idp-server -am package) || die "build failed"
fi

RUN_DIR=$(mktemp -d /tmp/monban-saml-bench.XXXXXX)
SERVER_PID=
cleanup() {
    local rc=$?
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$RUN_DIR"
    exit $rc
}
trap cleanup EXIT

MASTER_KEY=$(head -c 32 /dev/urandom | base64 -w0)
log "starting $JAR on $BASE ($JAVA_OPTS)"
# shellcheck disable=SC2086
(cd "$RUN_DIR" && exec java $JAVA_OPTS -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" \
    --monban.issuer="$BASE" --monban.bootstrap.file="$BENCH_DIR/saml-bootstrap.yaml" \
    --monban.crypto.master-key="$MASTER_KEY" "--spring.datasource.url=jdbc:h2:file:$RUN_DIR/db/monban" \
    --logging.level.root=WARN) >"$RUN_DIR/server.log" 2>&1 &
SERVER_PID=$!
started=$(date +%s)
until curl -s --max-time 2 "$BASE/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$RUN_DIR/server.log" >&2; die "the server exited"; }
    [ $(( $(date +%s) - started )) -lt 180 ] || die "the server did not come up in 180 s"
    sleep 1
done
log "server UP after $(( $(date +%s) - started )) s"

# Sign in once (cookie jar), then take the IdP-initiated launch to get the SSO answer URL.
JAR_FILE="$RUN_DIR/cookies"
CSRF=$(curl -s -c "$JAR_FILE" -b "$JAR_FILE" "$BASE/login" | sed -n 's/.*name="_csrf" *value="\([^"]*\)".*/\1/p' | head -1)
[ -n "$CSRF" ] || die "no CSRF token on the sign-in page"
curl -s -o /dev/null -c "$JAR_FILE" -b "$JAR_FILE" --data-urlencode "username=$USER_NAME" \
    --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$CSRF" "$BASE/login"
CONTINUE=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$JAR_FILE" -b "$JAR_FILE" \
    "$BASE/saml2/launch?sp=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "$SP")")
case "$CONTINUE" in *"/saml2/sso/continue?"*) ;; *) die "launch did not lead to the SSO answer: $CONTINUE" ;; esac
COOKIE=$(awk '$6 == "MONBAN_SESSION" {print $7}' "$JAR_FILE" | tail -1)
[ -n "$COOKIE" ] || die "no session cookie after sign-in"
BODY=$(curl -s -H "Cookie: MONBAN_SESSION=$COOKIE" "$CONTINUE")
echo "$BODY" | grep -q 'name="SAMLResponse"' || die "the SSO answer has no SAMLResponse: $(echo "$BODY" | head -c 300)"
XML=$(echo "$BODY" | sed -n 's/.*name="SAMLResponse" value="\([^"]*\)".*/\1/p' | base64 -d 2>/dev/null || true)
case "$XML" in *"<ds:SignatureValue>"*) ;; *) die "the Response is not signed" ;; esac
log "one signed Response checked; loading $CONTINUE"

# A reference on the same machine at the same moment: the JWKS endpoint (no session, no signing),
# and a signed-in page (/account: the same session handling, no SAML), so that a figure taken on
# a busy machine can be read against bench/README.md's quiet-machine JWKS figures.
if [ "${REFERENCE:-1}" = 1 ]; then
    for c in $CONNECTIONS; do
        jwks=$(wrk -t"$WRK_THREADS" -c"$c" -d"${DURATION}s" -s "$BENCH_DIR/report.lua" "$BASE/oauth2/jwks" | grep '^RESULT' | awk '{print $2}')
        account=$(wrk -t"$WRK_THREADS" -c"$c" -d"${DURATION}s" -s "$BENCH_DIR/report.lua" \
            -H "Cookie: MONBAN_SESSION=$COOKIE" "$BASE/account" | grep '^RESULT' | awk '{print $2}')
        log "reference at $c connections: JWKS $jwks req/s, signed-in /account $account req/s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    done
fi

printf '%-12s %12s %10s %10s %8s\n' connections responses/s p50_ms p99_ms errors
for c in $CONNECTIONS; do
    wrk -t"$WRK_THREADS" -c"$c" -d"${WARMUP}s" -H "Cookie: MONBAN_SESSION=$COOKIE" "$CONTINUE" >/dev/null 2>&1 || true
    out=$(wrk -t"$WRK_THREADS" -c"$c" -d"${DURATION}s" --latency -s "$BENCH_DIR/report.lua" \
        -H "Cookie: MONBAN_SESSION=$COOKIE" "$CONTINUE")
    read -r _ rate p50 p99 non2xx sockerr < <(echo "$out" | grep '^RESULT')
    printf '%-12s %12s %10s %10s %8s\n' "$c" "$rate" "$p50" "$p99" "$((non2xx + sockerr))"
done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
