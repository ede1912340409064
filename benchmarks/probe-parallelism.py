#!/usr/bin/env python3
"""Whole-process benchmark: POST /probe with eight slow URLs against POST /probe with one.

Every URL is served by a local HTTPS server that waits 300 ms before answering. The probes of one registration
run concurrently, so eight such URLs should take about as long as one, not eight times as long. Run from the
repository root, as root (the prober only probes port 443):

    python3 benchmarks/probe-parallelism.py [runs]

It makes a throw-away test CA with openssl, serves slow1..slow8.example.com on 127.0.0.31:443, starts
scripts/local-api with the PROBE_* test seams pointing at them, and prints the median of each case and the ratio.
Nothing but 127.0.0.x is contacted.
"""
import http.server
import json
import os
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDRESS = "127.0.0.31"
DELAY = 0.3
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
NAMES = [f"slow{i}.example.com" for i in range(1, 9)]
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


def make_certificates(work):
    def run(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{work}/ca.key", "-out", f"{work}/ca.pem",
        "-days", "2", "-subj", "/CN=Probe benchmark CA")
    Path(f"{work}/san.ext").write_text("subjectAltName=" + ",".join(f"DNS:{n}" for n in NAMES) + "\n")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{work}/leaf.key", "-out", f"{work}/leaf.csr",
        "-subj", "/CN=slow.example.com")
    run("x509", "-req", "-in", f"{work}/leaf.csr", "-CA", f"{work}/ca.pem", "-CAkey", f"{work}/ca.key",
        "-CAcreateserial", "-out", f"{work}/leaf.pem", "-days", "2", "-extfile", f"{work}/san.ext")


class SlowHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        time.sleep(DELAY)
        logo = self.path.endswith(".png")
        body = PNG if logo else b"<html><body>hosted</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "image/png" if logo else "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class SlowServer(http.server.ThreadingHTTPServer):
    # The default backlog of 5 drops simultaneous connections, which then wait a 1 s SYN retransmit.
    request_queue_size = 128


def serve(work):
    server = SlowServer((ADDRESS, 443), SlowHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(f"{work}/leaf.pem", f"{work}/leaf.key")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_api(work):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    Path(f"{work}/hosts").write_text("".join(f"{ADDRESS} {n}\n" for n in NAMES))
    env = dict(os.environ, PORT=str(port), PROBE_HOSTS_FILE=f"{work}/hosts", PROBE_TRUSTED_CA_FILE=f"{work}/ca.pem",
               PROBE_ALLOWED_CIDRS=f"{ADDRESS}/32", PROBE_TEST_SEAMS="allowed", MANUAL_REGISTRATION_URL="https://manual.example.org/register")
    log = open(f"{work}/api.log", "w")
    process = subprocess.Popen([str(ROOT / "scripts/local-api")], env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while "listening on" not in Path(f"{work}/api.log").read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            sys.exit("local API did not start:\n" + Path(f"{work}/api.log").read_text())
        time.sleep(0.2)
    return process, port


def probe(port, metadata):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/probe", data=json.dumps(metadata).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    start = time.perf_counter()
    report = json.load(urllib.request.urlopen(request, timeout=60))
    elapsed = time.perf_counter() - start
    if not report["passed"]:
        sys.exit("a probe failed: " + json.dumps(report))
    return elapsed, len(report["results"])


def main():
    one = {"redirect_uris": [f"https://{NAMES[0]}/callback"]}
    eight = {"redirect_uris": [f"https://{n}/callback" for n in NAMES[:4]], "client_uri": f"https://{NAMES[4]}",
             "logo_uri": f"https://{NAMES[5]}/logo.png", "tos_uri": f"https://{NAMES[6]}/terms",
             "policy_uri": f"https://{NAMES[7]}/privacy"}
    with tempfile.TemporaryDirectory() as work:
        make_certificates(work)
        server = serve(work)
        process, port = start_api(work)
        try:
            for _ in range(3):
                probe(port, one)
                probe(port, eight)
            singles, eights = [], []
            for _ in range(RUNS):
                singles.append(probe(port, one)[0])
                elapsed, urls = probe(port, eight)
                assert urls == 8
                eights.append(elapsed)
        finally:
            process.terminate()
            server.shutdown()
    one_ms, eight_ms = statistics.median(singles) * 1000, statistics.median(eights) * 1000
    print(f"| case | median ms | min ms | max ms |  ({RUNS} runs each, server delay {DELAY * 1000:.0f} ms)")
    print("|---|---|---|---|")
    print(f"| 1 slow URL | {one_ms:.0f} | {min(singles) * 1000:.0f} | {max(singles) * 1000:.0f} |")
    print(f"| 8 slow URLs | {eight_ms:.0f} | {min(eights) * 1000:.0f} | {max(eights) * 1000:.0f} |")
    print(f"ratio (8 URLs / 1 URL, medians): {eight_ms / one_ms:.2f}")


if __name__ == "__main__":
    main()
