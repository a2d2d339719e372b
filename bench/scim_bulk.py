#!/usr/bin/env python3
"""Bulk import for the SCIM benchmark: POSTs /scim/v2/Bulk requests of BATCH user creations
(userName bulk-<i>, email bulk-<i>@bench.example) from PARALLEL connections until USERS users
exist, and prints the elapsed time. Every operation must answer 201; anything else fails the run.

usage: scim_bulk.py <base-url> <token> [users=100000] [batch=1000] [parallel=2]
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse

base, token = sys.argv[1], sys.argv[2]
users = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
batch = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
parallel = int(sys.argv[5]) if len(sys.argv) > 5 else 2
url = urllib.parse.urlparse(base)
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

batches = [(start, min(start + batch, users)) for start in range(0, users, batch)]
lock = threading.Lock()
failures = []
latencies = []


def body(start, end):
    ops = []
    for i in range(start, end):
        ops.append({"method": "POST", "path": "/Users", "bulkId": "u%d" % i, "data": {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
            "userName": "bulk-%d" % i, "externalId": "hr-%d" % i,
            "name": {"givenName": "Bulk", "familyName": "User %d" % i}, "displayName": "Bulk User %d" % i,
            "emails": [{"value": "bulk-%d@bench.example" % i, "type": "work", "primary": True}],
            "active": True, ENTERPRISE: {"employeeNumber": str(i), "department": "Dept %d" % (i % 50)}}})
    return json.dumps({"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": ops})


def worker():
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    while True:
        with lock:
            if not batches or failures:
                return
            start, end = batches.pop(0)
        payload = body(start, end)
        began = time.monotonic()
        conn.request("POST", "/scim/v2/Bulk", payload, {"Content-Type": "application/scim+json",
                                                         "Authorization": "Bearer " + token})
        response = conn.getresponse()
        data = response.read()
        took = time.monotonic() - began
        if response.status != 200:
            failures.append("batch %d: HTTP %d %s" % (start, response.status, data[:300]))
            return
        bad = [op for op in json.loads(data)["Operations"] if op.get("status") != "201"]
        if bad or len(json.loads(data)["Operations"]) != end - start:
            failures.append("batch %d: %d operations failed, e.g. %s" % (start, len(bad), bad[:1]))
            return
        with lock:
            latencies.append(took)


began = time.monotonic()
threads = [threading.Thread(target=worker) for _ in range(parallel)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - began
if failures:
    print("FAILED " + "; ".join(failures[:3]))
    sys.exit(1)
latencies.sort()
print("BULK users=%d batch=%d parallel=%d seconds=%.1f users_per_s=%.0f batch_p50_s=%.2f batch_max_s=%.2f" % (
    users, batch, parallel, elapsed, users / elapsed, latencies[len(latencies) // 2], latencies[-1]))
