#!/usr/bin/env python3
"""Hottest methods of a JFR recording's CPU samples (jdk.ExecutionSample), for bench/run.sh JFR=1.

  jfrtop.py recording.jfr [top=25]
  jfrtop.py --threads dumps.txt [top=25]   the same from concatenated `jcmd PID Thread.print`
                                           dumps (RUNNABLE request threads only): a fallback for
                                           when JFR cannot walk the stacks (it took no samples
                                           during H2 table scans, for one)

Prints: samples per thread pool; self time by component (package of the top frame); top methods
by self samples; top methods by inclusive samples (on the stack at all), leaving out frames that
are on nearly every stack and the filter-chain / dispatch plumbing.
"""
import collections
import re
import subprocess
import sys

COMPONENTS = [  # (label, prefixes of the top frame's class), first match wins
    ("Argon2 (BouncyCastle)", ("org.bouncycastle.crypto.generators.Argon2", "org.bouncycastle.crypto.digests.Blake2b")),
    ("JCA crypto (RSA/EC/SHA)", ("sun.security.", "java.security.", "javax.crypto.", "com.sun.crypto.",
                                "java.math.BigInteger", "sun.nio.cs.", "org.bouncycastle.")),
    ("Nimbus JOSE/JWT", ("com.nimbusds.",)),
    ("JSON (Jackson/json-smart)", ("tools.jackson.", "com.fasterxml.jackson.", "net.minidev.")),
    ("H2 database", ("org.h2.",)),
    ("PostgreSQL driver", ("org.postgresql.",)),
    ("JDBC/Hikari/Spring JDBC/tx", ("com.zaxxer.hikari.", "org.springframework.jdbc.", "org.springframework.transaction.",
                                    "org.hibernate.", "org.springframework.orm.", "org.springframework.data.")),
    ("regex", ("java.util.regex.",)),
    ("logging", ("ch.qos.logback.", "org.slf4j.", "org.apache.logging.")),
    ("Micrometer/observation", ("io.micrometer.",)),
    ("Tomcat/HTTP", ("org.apache.tomcat.", "org.apache.coyote.", "org.apache.catalina.", "sun.nio.ch.")),
    ("Thymeleaf", ("org.thymeleaf.", "org.attoparser.")),
    ("Spring Security/SAS", ("org.springframework.security.",)),
    ("Spring (other)", ("org.springframework.",)),
    ("Monban", ("io.monban.",)),
    ("JDK collections/strings/reflection", ("java.util.", "java.lang.", "jdk.internal.", "java.time.", "java.net.",
                                           "java.io.", "java.nio.", "java.text.", "sun.reflect.", "sun.invoke.")),
]
LINE = re.compile(r"\s+line:\s*\d+\s*$")
# Plumbing that is on the stack of whatever a request does: left out of the inclusive list.
PLUMBING = re.compile(r"\.(doFilter|doFilterInternal|wrapFilter|doFilterNestedErrorDispatch|observe|invoke|"
                      r"invokeWithinTransaction|proceed|service|handle|process|run|runWorker|call|execute|"
                      r"lambda\$[^.]*)$|ObservationFilterChainDecorator|ObservationAuthenticationManager|"
                      r"FilterChainProxy|ApplicationFilterChain|ProviderManager\.authenticate$")


def component(frame):
    for label, prefixes in COMPONENTS:
        if frame.startswith(prefixes):
            return label
    return "other"


def method_of(frame):
    frame = LINE.sub("", frame.strip())
    return frame.split("(", 1)[0]


def samples(path):
    out = subprocess.run(["jfr", "print", "--stack-depth", "96", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    thread, frames, in_stack = None, [], False
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("jdk.ExecutionSample"):
            thread, frames, in_stack = None, [], False
        elif s.startswith("sampledThread = "):
            m = re.match(r'sampledThread = "([^"]*)"', s)
            thread = m.group(1) if m else "?"
        elif s.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack and s == "]":
            in_stack = False
            yield thread, frames
        elif in_stack and s and s != "...":
            frames.append(method_of(s))


def dump_samples(path):
    """RUNNABLE request threads (Tomcat exec-N) of jstack-style thread dumps."""
    thread, state, frames = None, None, []
    def flush():
        if thread and state == "RUNNABLE" and "exec-" in thread and frames:
            yield thread, list(frames)
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith('"'):
                yield from flush()
                thread, state, frames = line.split('"')[1], None, []
            elif "java.lang.Thread.State:" in line:
                state = line.split(":", 1)[1].strip().split()[0]
            elif line.startswith("\tat "):
                frames.append(method_of(line.strip()[3:]))
        yield from flush()


def main():
    args = sys.argv[1:]
    source = samples
    if args and args[0] == "--threads":
        source, args = dump_samples, args[1:]
    path = args[0]
    top = int(args[1]) if len(args) > 1 else 25
    n = 0
    threads, self_m, incl, comp = (collections.Counter() for _ in range(4))
    for thread, frames in source(path):
        if not frames:
            continue
        n += 1
        threads[re.sub(r"-\d+$", "-N", thread or "?")] += 1
        self_m[frames[0]] += 1
        comp[component(frames[0])] += 1
        for m in set(frames):
            incl[m] += 1
    if not n:
        print(f"{path}: no samples")
        return
    pct = lambda c: f"{100.0 * c / n:5.1f}%"
    kind = "RUNNABLE request-thread stacks" if source is dump_samples else "CPU samples"
    print(f"{path}: {n} {kind}\n\nthreads:")
    for t, c in threads.most_common(8):
        print(f"  {pct(c)}  {t}")
    print("\nself time by component (top frame):")
    for k, c in comp.most_common():
        print(f"  {pct(c)}  {k}")
    print(f"\ntop {top} methods, self:")
    for m, c in self_m.most_common(top):
        print(f"  {pct(c)}  {m}")
    print(f"\ntop {top} methods, inclusive (filter-chain and dispatch plumbing left out):")
    shown = 0
    for m, c in incl.most_common():
        if c > 0.9 * n or PLUMBING.search(m):
            continue
        print(f"  {pct(c)}  {m}")
        shown += 1
        if shown >= top:
            break


if __name__ == "__main__":
    main()
