#!/usr/bin/env python3
"""Whole-process latency of POST /validate through the local API, per kind of request.

Usage: start the local API (scripts/local-api), then
    python3 benchmarks/validate-latency.py [base-url] [requests-per-kind]
It sends each kind of request (a valid registration, one with many problems, and the bad inputs of policy
section 8) repeatedly after a warm-up, and prints the median, p99 and maximum client-side latency. Only
127.0.0.1 is contacted.
"""
import json
import statistics
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:3000"
count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
root = Path(__file__).resolve().parent.parent
valid = json.loads(json.loads((root / "events/validate-valid.json").read_text())["body"])
many = json.loads((root / "events/validate-many-problems.json").read_text())["body"]

kinds = [
    ("valid registration", json.dumps(valid), "application/json"),
    ("many problems", many, "application/json"),
    ("{}", "{}", "application/json"),
    ("malformed JSON", '{"client_name": ', "application/json"),
    ("JSON array", "[]", "application/json"),
    ("body over 64 KiB", '{"x":"' + "a" * 70000 + '"}', "application/json"),
    ("duplicate keys", '{"client_name":"a","client_name":"b"}', "application/json"),
    ("number for a string", json.dumps(dict(valid, client_name=42)), "application/json"),
    ("1,000 redirect URIs", json.dumps(dict(valid, redirect_uris=[f"https://app.example.com/cb{i}" for i in range(1000)])), "application/json"),
    ("text/plain body", json.dumps(valid), "text/plain"),
    ("nesting 60,000 deep", "[" * 60000, "application/json"),
]


def send(body, content_type):
    request = urllib.request.Request(base + "/validate", data=body.encode(), method="POST",
                                     headers={"Content-Type": content_type})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status = response.status
            response.read()
    except urllib.error.HTTPError as error:
        status = error.code
        error.read()
    return status, (time.perf_counter() - start) * 1000


print(f"| request | status | median ms | p99 ms | max ms |  ({count} requests each, after 50 warm-up)")
print("|---|---|---|---|---|")
for name, body, content_type in kinds:
    for _ in range(50):
        send(body, content_type)
    samples = [send(body, content_type) for _ in range(count)]
    times = sorted(ms for _, ms in samples)
    statuses = sorted({status for status, _ in samples})
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"| {name} | {','.join(map(str, statuses))} | {statistics.median(times):.2f} | {p99:.2f} | {times[-1]:.2f} |")
