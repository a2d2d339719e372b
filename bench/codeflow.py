#!/usr/bin/env python3
"""Authorization-code login load generator for Monban (python3 standard library only).

Each of N client threads loops for the measured duration doing the whole browser flow with a
fresh cookie jar per login:

  GET  /oauth2/authorize (PKCE S256)   -> 302 /login          (new session)
  GET  /login                          -> 200, hidden _csrf
  POST /login                          -> 302 saved authorize request (Argon2id check here)
  GET  saved authorize request         -> 302 redirect_uri?code=..&state=..
  POST /oauth2/token (authorization_code, code_verifier, client_secret_basic) -> tokens

Every thread keeps one keep-alive connection to the server. Logins completed during the warm-up
are not counted. Prints logins/s and per-login latency percentiles; with --json one JSON line.

  codeflow.py --base http://127.0.0.1:9100 --clients 4 --duration 15 --warmup 5
  codeflow.py --base http://127.0.0.1:9100 --once      # one login, prints the access token
"""
import argparse
import base64
import hashlib
import http.client
import json
import re
import secrets
import sys
import threading
import time
import urllib.parse

CSRF_RE = re.compile(r'name="_csrf"\s+value="([^"]+)"|value="([^"]+)"\s+name="_csrf"')


class FlowError(Exception):
    pass


class Client:
    """One keep-alive connection and a cookie jar that is emptied for every login."""

    def __init__(self, host, port, timeout):
        self.host, self.port, self.timeout = host, port, timeout
        self.conn = http.client.HTTPConnection(host, port, timeout=timeout)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        hdrs = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                "User-Agent": "monban-bench-codeflow"}
        if headers:
            hdrs.update(headers)
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            hdrs.setdefault("Content-Type", "application/x-www-form-urlencoded")
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=hdrs)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (http.client.RemoteDisconnected, http.client.CannotSendRequest,
                    http.client.BadStatusLine, ConnectionError, BrokenPipeError):
                # The server closed the idle keep-alive connection: reconnect once.
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                if attempt == 2:
                    raise
        for name, value in resp.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                k, _, v = pair.partition("=")
                if "max-age=0" in value.lower() or v == "":
                    self.cookies.pop(k.strip(), None)
                else:
                    self.cookies[k.strip()] = v.strip()
        return resp.status, resp.getheader("Location"), data


def local_path(location):
    """A Location header (absolute or relative) as path?query for our single connection."""
    u = urllib.parse.urlsplit(location)
    return (u.path or "/") + (("?" + u.query) if u.query else "")


def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def login_once(c, a, username, basic):
    """One complete code-flow login; returns the token response (dict)."""
    c.cookies = {}
    verifier = b64url(secrets.token_bytes(32))
    challenge = b64url(hashlib.sha256(verifier.encode()).digest())
    state = b64url(secrets.token_bytes(12))
    nonce = b64url(secrets.token_bytes(12))
    query = urllib.parse.urlencode({
        "response_type": "code", "client_id": a.client_id, "redirect_uri": a.redirect_uri,
        "scope": a.scope, "state": state, "nonce": nonce,
        "code_challenge": challenge, "code_challenge_method": "S256"})
    status, loc, _ = c.request("GET", "/oauth2/authorize?" + query)
    if status != 302 or not loc or "/login" not in loc:
        raise FlowError(f"authorize: expected 302 to /login, got {status} {loc}")
    status, _, page = c.request("GET", local_path(loc))
    m = CSRF_RE.search(page.decode("utf-8", "replace"))
    if status != 200 or not m:
        raise FlowError(f"login page: status {status}, csrf {'found' if m else 'missing'}")
    csrf = m.group(1) or m.group(2)
    form = urllib.parse.urlencode({"username": username, "password": a.password, "_csrf": csrf})
    status, loc, _ = c.request("POST", "/login", body=form)
    if status != 302 or not loc or "error" in loc:
        raise FlowError(f"login POST: {status} {loc}")
    # The saved authorize request (possibly via a further redirect), then redirect_uri?code=
    code = None
    for _ in range(4):
        if loc.startswith(a.redirect_uri):
            params = urllib.parse.parse_qs(urllib.parse.urlsplit(loc).query)
            if params.get("state", [None])[0] != state or "code" not in params:
                raise FlowError(f"callback without code or with wrong state: {loc}")
            code = params["code"][0]
            break
        status, loc, _ = c.request("GET", local_path(loc))
        if status != 302 or not loc:
            raise FlowError(f"after login: expected 302, got {status}")
    if code is None:
        raise FlowError("no authorization code after redirects")
    form = urllib.parse.urlencode({"grant_type": "authorization_code", "code": code,
                                   "redirect_uri": a.redirect_uri, "code_verifier": verifier})
    status, _, body = c.request("POST", "/oauth2/token", body=form,
                                headers={"Authorization": basic, "Accept": "application/json"})
    if status != 200:
        raise FlowError(f"token: {status} {body[:200]!r}")
    tokens = json.loads(body)
    if "access_token" not in tokens or "id_token" not in tokens:
        raise FlowError(f"token response without access_token/id_token: {list(tokens)}")
    return tokens


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", default="http://127.0.0.1:9100")
    p.add_argument("--clients", type=int, default=1, help="parallel clients (threads)")
    p.add_argument("--duration", type=float, default=15.0, help="measured seconds")
    p.add_argument("--warmup", type=float, default=5.0, help="warm-up seconds (not counted)")
    p.add_argument("--users", default="bench1,bench2,bench3,bench4",
                   help="comma-separated usernames; client i signs in as users[i %% len]")
    p.add_argument("--password", default="violet-harbor-cactus-91-lantern")
    p.add_argument("--client-id", default="bench-web")
    p.add_argument("--client-secret", default="bench-web-secret-0123456789abcdefghijklmno")
    p.add_argument("--redirect-uri", default="http://127.0.0.1:9999/cb")
    p.add_argument("--scope", default="openid profile email groups")
    p.add_argument("--timeout", type=float, default=30.0)
    p.add_argument("--once", action="store_true", help="one login; print the access token and exit")
    p.add_argument("--json", action="store_true", help="print the result as one JSON line")
    a = p.parse_args()

    base = urllib.parse.urlsplit(a.base)
    if base.scheme != "http":
        sys.exit("only http:// base URLs are supported")
    host, port = base.hostname, base.port or 80
    basic = "Basic " + base64.b64encode(f"{a.client_id}:{a.client_secret}".encode()).decode()
    users = [u for u in a.users.split(",") if u]

    if a.once:
        tokens = login_once(Client(host, port, a.timeout), a, users[0], basic)
        print(tokens["access_token"])
        return

    start = time.monotonic()
    measure_from = start + a.warmup
    stop_at = measure_from + a.duration
    latencies, errors, lock = [], [], threading.Lock()
    first_error = []

    def worker(i):
        c = Client(host, port, a.timeout)
        user = users[i % len(users)]
        mine, errs = [], 0
        while True:
            t0 = time.monotonic()
            if t0 >= stop_at:
                break
            try:
                login_once(c, a, user, basic)
            except Exception as e:  # noqa: BLE001 - count and go on
                errs += 1
                with lock:
                    if not first_error:
                        first_error.append(f"{type(e).__name__}: {e}")
                c.conn.close()
                c = Client(host, port, a.timeout)
                time.sleep(0.05)
                continue
            t1 = time.monotonic()
            if t0 >= measure_from and t1 <= stop_at:
                mine.append(t1 - t0)
        with lock:
            latencies.extend(mine)
            errors.append(errs)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(a.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    lat = sorted(latencies)
    rate = len(lat) / a.duration if a.duration > 0 else 0.0
    result = {"clients": a.clients, "duration_s": a.duration, "logins": len(lat),
              "logins_per_s": round(rate, 2),
              "p50_ms": round(percentile(lat, 50) * 1000, 1) if lat else None,
              "p99_ms": round(percentile(lat, 99) * 1000, 1) if lat else None,
              "errors": sum(errors), "first_error": first_error[0] if first_error else None}
    if a.json:
        print(json.dumps(result))
    else:
        print(f"clients={a.clients} logins={len(lat)} in {a.duration:.0f}s -> {rate:.1f} logins/s  "
              f"p50={result['p50_ms']} ms p99={result['p99_ms']} ms errors={result['errors']}")
        if first_error:
            print(f"first error: {first_error[0]}")
    if not lat:
        sys.exit(1)


if __name__ == "__main__":
    main()
