#!/usr/bin/env python3
"""Whole-process benchmark: POST /register throughput through the local API, for 1, 8 and 32 concurrent clients.

Every registration is a full one (policy, probing of its five URLs, DynamoDB and Secrets Manager writes in moto
server), each on host names of its own so that no per-host probe limit is reached. The URLs are served by one local
HTTPS server (a throw-away openssl test CA) on 127.0.0.51:443; scripts/local-api runs with the PROBE_* test seams
pointing at it, and starts its own moto server unless AWS_ENDPOINT_URL names one. Run from the repository root, as
root (the prober only probes port 443):

    python3 benchmarks/registration-throughput.py [registrations-per-level] [levels, e.g. 1,8,32]

It prints one row per level: registrations per second (wall clock, from the first request to the last answer) and
client-side latency. Every answer must be a 201 with a client_id and client_secret of its own, or the run fails.
Nothing but 127.0.0.x is contacted.
"""
import concurrent.futures
import http.server
import json
import os
import socket
import ssl
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDRESS = "127.0.0.51"
PER_LEVEL = int(sys.argv[1]) if len(sys.argv) > 1 else 160
LEVELS = [int(n) for n in (sys.argv[2] if len(sys.argv) > 2 else "1,8,32").split(",")]
WARM_UP = 16


def one_pixel_png():
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00\x00")) \
        + chunk(b"IEND", b"")


PNG = one_pixel_png()


def make_certificates(work):
    def run(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run("req", "-x509", *ec, "-keyout", f"{work}/ca.key", "-out", f"{work}/ca.pem", "-days", "2",
        "-subj", "/CN=Registration benchmark CA")
    Path(f"{work}/san.ext").write_text("subjectAltName=DNS:*.example.com\n")
    run("req", *ec, "-keyout", f"{work}/leaf.key", "-out", f"{work}/leaf.csr", "-subj", "/CN=*.example.com")
    run("x509", "-req", "-in", f"{work}/leaf.csr", "-CA", f"{work}/ca.pem", "-CAkey", f"{work}/ca.key",
        "-CAcreateserial", "-out", f"{work}/leaf.pem", "-days", "2", "-extfile", f"{work}/san.ext")


class SiteHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        # The TLS handshake runs here, on this connection's own thread, not in the accepting thread.
        self.request.do_handshake()
        super().setup()

    def do_GET(self):
        if self.path == "/callback":
            status, kind, body = 400, "text/plain", b"missing code"  # a bare callback: acceptable (policy section 5)
        elif self.path == "/logo.png":
            status, kind, body = 200, "image/png", PNG
        else:
            status, kind, body = 200, "text/html", b"<!doctype html><title>hosted</title>"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    request_queue_size = 256  # the default 5 drops simultaneous connections into a 1 s SYN retransmit


def serve(work):
    server = SiteServer((ADDRESS, 443), SiteHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(f"{work}/leaf.pem", f"{work}/leaf.key")
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_api(work, hosts):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    Path(f"{work}/hosts").write_text("".join(f"{ADDRESS} {host}\n" for host in hosts))
    env = dict(os.environ, PORT=str(port), PROBE_HOSTS_FILE=f"{work}/hosts", PROBE_TRUSTED_CA_FILE=f"{work}/ca.pem",
               PROBE_ALLOWED_CIDRS=f"{ADDRESS}/32", PROBE_TEST_SEAMS="allowed", MANUAL_REGISTRATION_URL="https://manual.example.org/register",
               CLIENTS_TABLE=f"registration-benchmark-{port}", SECRET_PREFIX=f"benchmark/{port}/")
    env.pop("PUBLIC_BASE_URL", None)
    process = subprocess.Popen([str(ROOT / "scripts/local-api")], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    log = open(f"{work}/api.log", "w")
    for line in process.stdout:  # until the listening line; then a thread keeps draining the output to the log
        log.write(line)
        if "listening on" in line:
            break
    else:
        log.close()
        sys.exit("local API ended before listening:\n" + Path(f"{work}/api.log").read_text())
    threading.Thread(target=lambda: [log.write(line) for line in process.stdout], daemon=True).start()
    return process, port


def metadata(host):
    site = f"https://{host}"
    return {"client_name": f"Benchmark app at {host}", "redirect_uris": [f"{site}/callback"], "client_uri": site,
            "logo_uri": f"{site}/logo.png", "contacts": ["developer@example.com"], "tos_uri": f"{site}/terms",
            "policy_uri": f"{site}/privacy"}


def register(port, host):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/register", data=json.dumps(metadata(host)).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status, body = response.status, json.load(response)
    except urllib.error.HTTPError as refused:
        sys.exit(f"{host}: HTTP {refused.code} {refused.read().decode()}")
    if status != 201 or not body.get("client_id") or not body.get("client_secret"):
        sys.exit(f"{host}: unexpected answer {status} {body}")
    return time.perf_counter() - start, body["client_id"]


def run_level(port, hosts, clients):
    with concurrent.futures.ThreadPoolExecutor(max_workers=clients) as pool:
        start = time.perf_counter()
        results = list(pool.map(lambda host: register(port, host), hosts))
        elapsed = time.perf_counter() - start
    ids = {client_id for _, client_id in results}
    if len(ids) != len(hosts):
        sys.exit(f"{len(hosts)} registrations gave {len(ids)} distinct client ids")
    latencies = sorted(seconds * 1000 for seconds, _ in results)
    return elapsed, latencies


def main():
    hosts = [f"bench{n}.example.com" for n in range(WARM_UP + PER_LEVEL * len(LEVELS))]
    with tempfile.TemporaryDirectory() as work:
        make_certificates(work)
        server = serve(work)
        process, port = start_api(work, hosts)
        rows = []
        try:
            run_level(port, hosts[:WARM_UP], 8)  # starts the register function's containers and warms the JIT
            for index, clients in enumerate(LEVELS):
                batch = hosts[WARM_UP + index * PER_LEVEL:WARM_UP + (index + 1) * PER_LEVEL]
                elapsed, latencies = run_level(port, batch, clients)
                rows.append((clients, len(batch), elapsed, latencies))
        finally:
            process.terminate()
            process.wait(timeout=30)
            server.shutdown()
    print(f"| concurrent clients | registrations | seconds | registrations/s | median ms | p95 ms | max ms |"
          f"  ({os.cpu_count()} cores)")
    print("|---|---|---|---|---|---|---|")
    for clients, count, elapsed, latencies in rows:
        p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
        print(f"| {clients} | {count} | {elapsed:.1f} | {count / elapsed:.1f} | {statistics.median(latencies):.0f} "
              f"| {p95:.0f} | {latencies[-1]:.0f} |")


if __name__ == "__main__":
    main()
