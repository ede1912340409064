"""An HTTPS site on a loopback address, port 443, for the names the sample events use, so that probing them stays on
this machine (scripts/check-invoke-events runs it inside a network namespace).

Usage: python3 https_fixture.py WORK_DIR ADDRESS NAME...

Writes into WORK_DIR:
  ca.pem        the test CA that signed the site's certificate (for PROBE_TRUSTED_CA_FILE)
  hosts         "ADDRESS NAME..." (for PROBE_HOSTS_FILE, or the JVM's jdk.net.hosts.file)
  requests.log  one line per request answered: "METHOD HOST PATH USER-AGENT"
  ready         once the site listens
  challenges/   tokens to serve: /.well-known/udap-certificate-challenge/<token> answers the file challenges/<token>
                as text/plain (404 without it), as a developer proving control of a client URI's host does
Answers: /callback 400 (a callback called without parameters), *.png a 1x1 PNG, a challenge as above, anything else
200 HTML.
Needs the cryptography package (moto depends on it) and the right to listen on port 443 (root).
"""
import datetime
import http.server
import ipaddress
import pathlib
import ssl
import sys
import threading
import zlib
import struct

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def certificate(subject, issuer_name, public_key, signing_key, ca, names=()):
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
               .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer_name)]))
               .public_key(public_key)
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(hours=1))
               .not_valid_after(now + datetime.timedelta(days=2))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False),
            critical=True)
    else:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False)
        builder = builder.add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]),
                                        critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def one_pixel_png():
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00\x00"))
            + chunk(b"IEND", b""))


def main():
    work, address, names = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
    ipaddress.ip_address(address)  # an address, never a name
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = certificate("invoke-events test CA", "invoke-events test CA", ca_key.public_key(), ca_key, True)
    site_key = ec.generate_private_key(ec.SECP256R1())
    site = certificate(names[0], "invoke-events test CA", site_key.public_key(), ca_key, False, names)
    (work / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (work / "site.pem").write_bytes(site.public_bytes(serialization.Encoding.PEM))
    (work / "site-key.pem").write_bytes(site_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    (work / "hosts").write_text(f"{address} {' '.join(names)}\n")
    log = open(work / "requests.log", "a", buffering=1)
    png = one_pixel_png()
    lock = threading.Lock()

    class Site(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            with lock:
                log.write(f"GET {self.headers.get('Host')} {path} {self.headers.get('User-Agent')}\n")
            challenge = "/.well-known/udap-certificate-challenge/"
            if path.startswith(challenge):
                token = path[len(challenge):]
                served = work / "challenges" / token
                if token and "/" not in token and not token.startswith(".") and served.is_file():
                    self.answer(200, "text/plain", served.read_bytes())
                else:
                    self.answer(404, "text/plain", b"no such challenge")
            elif path == "/callback":
                self.answer(400, "text/plain", b"missing code")
            elif path.endswith(".png"):
                self.answer(200, "image/png", png)
            else:
                self.answer(200, "text/html; charset=utf-8", b"<!doctype html><title>fixture page</title>")

        def answer(self, status, content_type, body):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(work / "site.pem", work / "site-key.pem")
    server = http.server.ThreadingHTTPServer((address, 443), Site)
    server.daemon_threads = True
    server.socket = context.wrap_socket(server.socket, server_side=True)
    (work / "ready").write_text("listening\n")
    server.serve_forever()


if __name__ == "__main__":
    main()
