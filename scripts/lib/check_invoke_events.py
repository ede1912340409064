"""Invokes every file of events/ through scripts/invoke and checks each answer (run by scripts/check-invoke-events,
inside its network namespace, with moto server, the HTTPS fixture site and the probe function already serving).

Usage: python3 check_invoke_events.py WORK_DIR
Environment: AWS_ENDPOINT_URL (moto), AWS_ENDPOINT_URL_LAMBDA (the probe function, scripts/invoke --serve),
CLIENTS_TABLE, SECRET_PREFIX; WORK_DIR holds the fixture's hosts, ca.pem and requests.log.

Prints one line per check and closes with "N passed, N failed"; exits 1 when a check failed.
A new event needs an entry in EVENTS (scripts/lib/check_sam_functions.py fails without one) and a check in main().
"""
import base64
import hashlib
import json
import os
import pathlib
import subprocess
import sys
import time

import boto3

from checks import CheckTally

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
EVENTS_DIR = ROOT / "events"
# Every file of events/ (by stem) and the function of the template that main() invokes it with.
EVENTS = {
    "validate-valid": "ValidateFunction",
    "validate-many-problems": "ValidateFunction",
    "page": "PageFunction",
    "page-asset": "PageFunction",
    "probe-invoke": "ProbeFunction",
    "probe-api": "PublicProbeFunction",
    "register": "RegisterFunction",
    "register-udap": "RegisterFunction",
    "manage-read": "ManageFunction",
    "manage-update": "ManageFunction",
    "manage-delete": "ManageFunction",
    "reverify-client": "ReverifyFunction",
    "reverify-segment": "ReverifyFunction",
    "reverify-scheduled": "ReverifyFunction",
    "cleanup": "CleanupFunction",
    "udap-metadata": "DiscoveryFunction",
    "operator-register": "OperatorFunction",
    "operator-read": "OperatorFunction",
    "operator-update": "OperatorFunction",
    "operator-list": "OperatorFunction",
    "operator-suspend": "OperatorFunction",
    "operator-reinstate": "OperatorFunction",
    "operator-delete": "OperatorFunction",
    "authority-read": "AuthorityFunction",
    "authority-verify-secret": "AuthorityFunction",
    "certificates-challenge": "CertificatesFunction",
    "certificates-issue": "CertificatesFunction",
    "certificates-revoke": "CertificatesFunction",
    "certificates-crl": "CertificatesFunction",
    "certificates-refresh": "CertificatesFunction",
    "keycloak-connector-batch": "KeycloakConnectorFunction",
    "keycloak-connector-reconcile": "KeycloakConnectorFunction",
}
WORK = pathlib.Path(sys.argv[1]) if __name__ == "__main__" else None
SITE = "127.0.0.2/32"
# The id and token the RFC 7592 and re-verification sample events carry (testkit's SampleEvents).
SAMPLE_CLIENT_ID = "kq3F8xUjT1aW0zR5bN7mLg"
SAMPLE_TOKEN = "rG7mX2pQ9vLk4sT8wZ1nB6cY3hJ5fD0aE2uI7oP9qWx"
# The probe test seams, for the functions that probe the fixture site (never set by the template), with the guard
# without which a function refuses to start when one is set.
SEAMS = [f"PROBE_HOSTS_FILE={WORK / 'hosts'}", f"PROBE_TRUSTED_CA_FILE={WORK / 'ca.pem'}",
         f"PROBE_ALLOWED_CIDRS={SITE}", "PROBE_TEST_SEAMS=allowed"] if WORK else []

TALLY = CheckTally()
check = TALLY.check
invoked = set()
# Every invocation's function, event file and standard error (where the function's log lines go), in order.
INVOCATIONS = []
# The levels edge's RequestLog writes; the template's ApplicationLogLevel (INFO) drops DEBUG.
LEVELS_AT_INFO = {"INFO", "WARN", "ERROR"}


def site_requests():
    return (WORK / "requests.log").read_text().splitlines()


def invoke(function, event, *env, event_file=None):
    """(exit status, parsed answer, stderr) of `scripts/invoke FUNCTION events/EVENT.json` (or of event_file, a
    variant of that event)."""
    if EVENTS.get(event) != function:
        raise ValueError(f"{event} is not listed in EVENTS for {function}")
    invoked.add(event)
    command = [str(ROOT / "scripts" / "invoke"), "--no-build"]
    for item in env:
        command += ["--env", item]
    command += [function, str(event_file or EVENTS_DIR / f"{event}.json")]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, timeout=300)
    took = time.monotonic() - started
    try:
        answer = json.loads(result.stdout) if result.stdout.strip() else None
    except ValueError:
        answer = result.stdout.decode(errors="replace")
    print(f"     {event} -> {function}: exit {result.returncode} in {took:.1f} s", flush=True)
    INVOCATIONS.append({"function": function, "event": event_file or EVENTS_DIR / f"{event}.json",
                        "log": result.stderr.decode(errors="replace")})
    if result.returncode != 0:
        sys.stdout.write(result.stderr.decode(errors="replace")[-3000:])
    return result.returncode, answer, result.stderr.decode(errors="replace")


def api(answer):
    """(statusCode, parsed body) of an API Gateway proxy answer."""
    if not isinstance(answer, dict) or "statusCode" not in answer:
        return None, answer
    body = answer.get("body") or ""
    try:
        return answer["statusCode"], json.loads(body) if body else None
    except ValueError:
        return answer["statusCode"], body


def api_case(name, function, event, status, predicate, *env, event_file=None):
    code, answer, _ = invoke(function, event, *env, event_file=event_file)
    got, body = api(answer)
    ok = code == 0 and got == status
    try:
        ok = ok and predicate(body)
    except (KeyError, TypeError, IndexError, AttributeError):
        ok = False
    check(f"{event}: {name}", ok, {"exit": code, "statusCode": got, "body": body})
    return body


def sample_token_hash():
    digest = hashlib.sha256(SAMPLE_TOKEN.encode()).digest()
    return {"S": base64.urlsafe_b64encode(digest).rstrip(b"=").decode()}


def client_record(client_id):
    items = boto3.client("dynamodb").scan(TableName=os.environ["CLIENTS_TABLE"])["Items"]
    return next(item for item in items if "tokenHash" in item and any(v.get("S") == client_id for v in item.values()))


def restore_sample_token():
    """An RFC 7592 update rotates the token: the sample client's record gets SAMPLE_TOKEN's hash back."""
    record = client_record(SAMPLE_CLIENT_ID)
    boto3.client("dynamodb").put_item(TableName=os.environ["CLIENTS_TABLE"],
                                      Item=dict(record, tokenHash=sample_token_hash()))


def seed_sample_client(registered_id):
    """Makes the client the sample events name: a copy of a registered client (its record and its secret) under
    SAMPLE_CLIENT_ID, whose registration access token is SAMPLE_TOKEN (the record keeps its SHA-256, base64url)."""
    dynamo = boto3.client("dynamodb")
    secrets = boto3.client("secretsmanager")
    table = os.environ["CLIENTS_TABLE"]
    record = client_record(registered_id)

    def renamed(value):
        if isinstance(value, dict):
            return {k: renamed(v) for k, v in value.items()}
        if isinstance(value, list):
            return [renamed(v) for v in value]
        return value.replace(registered_id, SAMPLE_CLIENT_ID) if isinstance(value, str) else value

    copy = renamed(record)
    copy["tokenHash"] = sample_token_hash()
    prefix = os.environ["SECRET_PREFIX"]
    if "secretArn" in copy:  # a client without a secret (a public client of the manual path) has none to copy
        value = secrets.get_secret_value(SecretId=prefix + registered_id)["SecretString"]
        created = secrets.create_secret(Name=prefix + SAMPLE_CLIENT_ID, SecretString=value,
                                        Tags=[{"Key": "client_id", "Value": SAMPLE_CLIENT_ID}])
        copy["secretArn"] = {"S": created["ARN"]}
    dynamo.put_item(TableName=table, Item=copy, ConditionExpression="attribute_not_exists(pk)")


def openssl(*arguments):
    result = subprocess.run(["openssl", *arguments], capture_output=True, text=True, cwd=WORK)
    return result.returncode, result.stdout + result.stderr


def certificate_authority_secret():
    """A throw-away issuing CA made with openssl, its key and certificate stored as one PEM secret in moto, as the
    template's CertificateAuthoritySecret holds them; answers the secret's name."""
    code, output = openssl("req", "-x509", "-newkey", "rsa:3072", "-nodes", "-days", "30", "-subj",
                           "/CN=Invoke Events Developer CA", "-keyout", "ca-key.pem", "-out", "developer-ca.pem",
                           "-addext", "basicConstraints=critical,CA:TRUE",
                           "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    if code != 0:
        raise RuntimeError(output)
    pem = (WORK / "ca-key.pem").read_text() + (WORK / "developer-ca.pem").read_text()
    name = "invoke-events/certificate-authority"
    boto3.client("secretsmanager").create_secret(Name=name, SecretString=pem)
    return name


def udap_secrets():
    """UDAP on with its secrets in moto: a throw-away community anchor (a CA) and server credentials (a PKCS#8 key and
    a certificate the anchor signed, naming the FHIR base URL as its SAN URI), made with openssl; answers the
    settings that turn UDAP on with them."""
    fhir_base = "https://fhir.example.com/r4"
    steps = [("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=Invoke Events Community",
              "-keyout", "community-key.pem", "-out", "community.pem",
              "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"),
             ("req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=Invoke Events Server",
              "-keyout", "server-key.pem", "-out", "server.csr")]
    for step in steps:
        code, output = openssl(*step)
        if code != 0:
            raise RuntimeError(output)
    (WORK / "server.ext").write_text("basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                                     f"subjectAltName=URI:{fhir_base}\n")
    code, output = openssl("x509", "-req", "-in", "server.csr", "-CA", "community.pem", "-CAkey", "community-key.pem",
                           "-CAcreateserial", "-days", "30", "-extfile", "server.ext", "-out", "server.pem")
    if code != 0:
        raise RuntimeError(output)
    secrets = boto3.client("secretsmanager")
    anchors = "community: urn:example:invoke-events\n" + (WORK / "community.pem").read_text()
    credentials = "".join((WORK / name).read_text() for name in ("server-key.pem", "server.pem", "community.pem"))
    secrets.create_secret(Name="invoke-events/udap/anchors", SecretString=anchors)
    secrets.create_secret(Name="invoke-events/udap/credentials", SecretString=credentials)
    return (f"FHIR_BASE_URL={fhir_base}", "UDAP_TRUST_ANCHORS_SECRET=invoke-events/udap/anchors",
            "UDAP_SERVER_CREDENTIALS_SECRET=invoke-events/udap/credentials",
            "UDAP_TOKEN_ENDPOINT=https://auth.example.com/token")


def check_keycloak_connector():
    """The Keycloak connector (a conditional function: the template creates it only with KeycloakBaseUrl) with a
    Keycloak that cannot be reached from this namespace (nothing listens on 127.0.0.152:9) and its administrator in
    a moto secret: a batch answers a partial batch response naming both messages, the change event of the sample
    client (Keycloak unreachable) and a message that is not a change event, without failing the invocation; the
    schedule's reconcile fails the invocation, naming the call and never the administrator's password."""
    password = "invoke-events-keycloak-password"
    boto3.client("secretsmanager").create_secret(
        Name="invoke-events/keycloak-admin", SecretString=json.dumps({"username": "connector", "password": password}))
    unreachable = ("KEYCLOAK_BASE_URL=http://127.0.0.152:9", "KEYCLOAK_REALM=fhir",
                   "KEYCLOAK_ADMIN_CREDENTIALS_SECRET=invoke-events/keycloak-admin")
    batch = json.loads((EVENTS_DIR / "keycloak-connector-batch.json").read_text())
    message_ids = [record["messageId"] for record in batch["Records"]]
    code, answer, log = invoke("KeycloakConnectorFunction", "keycloak-connector-batch", *unreachable)
    failed = [item.get("itemIdentifier") for item in (answer or {}).get("batchItemFailures", [])] \
        if isinstance(answer, dict) else None
    check("keycloak-connector-batch: Keycloak unreachable and a malformed message: both named in batchItemFailures,"
          " the invocation succeeds", code == 0 and failed == message_ids, {"exit": code, "answer": answer})
    check("keycloak-connector-batch: the log says why, never the administrator's password",
          "ConnectException" in log and "not a change event" in log and password not in log, log[-1500:])
    code, answer, log = invoke("KeycloakConnectorFunction", "keycloak-connector-reconcile", *unreachable)
    check("keycloak-connector-reconcile: Keycloak unreachable fails the invocation (the schedule retries it)",
          code != 0 and isinstance(answer, dict) and "ReconcileFailed" in answer.get("errorType", "")
          and "ConnectException" in answer.get("errorMessage", "") and password not in json.dumps(answer)
          and "\tat " not in log, {"exit": code, "answer": answer})


def serve_challenge(token):
    """Puts the token where the fixture site serves it (https_fixture.py: /.well-known/udap-certificate-challenge/)."""
    folder = WORK / "challenges"
    folder.mkdir(exist_ok=True)
    (folder / token).write_text(token + "\n")


def log_lines(text):
    """The function's log lines in a run's output: each a JSON object with a level (RequestLog's lines; the runtime
    interface emulator's own lines and the JVM's are not JSON)."""
    lines = []
    for raw in text.splitlines():
        raw = raw.strip()
        if not raw.startswith("{"):
            continue
        try:
            line = json.loads(raw)
        except ValueError:
            continue
        if isinstance(line, dict) and "level" in line:
            lines.append(line)
    return lines


def api_request_id(event_file):
    """API Gateway's request id of a proxy event (requestContext.requestId), or None for a direct invocation."""
    event = json.loads(pathlib.Path(event_file).read_text())
    return (event.get("requestContext") or {}).get("requestId") if "httpMethod" in event else None


def log_problems(invocation):
    """What is wrong with an invocation's log lines (docs/operations/logging.md): none; one that is not at a level
    the template writes, or that lacks the function, the Lambda request id or (for an API event) the API request id."""
    lines = log_lines(invocation["log"])
    if not lines:
        return ["no JSON log line"]
    expected_api_id = api_request_id(invocation["event"])
    problems = []
    for line in lines:
        if line.get("level") not in LEVELS_AT_INFO:
            problems.append(f"level {line.get('level')!r}")
        if not line.get("AWSRequestId") or not line.get("function") or not line.get("timestamp"):
            problems.append(f"no function, timestamp or AWSRequestId: {line}")
        if expected_api_id and line.get("apiRequestId") != expected_api_id:
            problems.append(f"apiRequestId {line.get('apiRequestId')!r}, not {expected_api_id!r}")
    return problems


def check_logs():
    """One log line of every function: JSON, at a level, naming the function and both request ids; a 429 logged as
    WARN and a missing secret as ERROR; the registration's request id on the probe function's lines."""
    for function in sorted(set(EVENTS.values())):
        runs = [i for i in INVOCATIONS if i["function"] == function]
        good = next((i for i in runs if log_lines(i["log"]) and not log_problems(i)), None)
        sample = good or (runs[0] if runs else None)
        check(f"{function}: its log lines are JSON with a level, the function and both request ids",
              good is not None, log_problems(sample) if sample else "never invoked")
    register_429 = [i for i in INVOCATIONS if i["function"] == "RegisterFunction"
                    and any(line.get("level") == "WARN" and "rate-limited" in line.get("message", "")
                            for line in log_lines(i["log"]))]
    check("register: a registration past the rate limit logs a WARN line", register_429,
          [log_lines(i["log"]) for i in INVOCATIONS if i["function"] == "RegisterFunction"][:3])
    missing_secret = [line for i in INVOCATIONS if i["function"] == "CertificatesFunction"
                      for line in log_lines(i["log"])
                      if line.get("level") == "ERROR" and "CERTIFICATE_AUTHORITY_SECRET" in line.get("message", "")]
    check("certificates: a CA secret not created yet logs an ERROR line naming its setting", missing_secret,
          [log_lines(i["log"]) for i in INVOCATIONS if i["function"] == "CertificatesFunction"][:2])
    registered = api_request_id(EVENTS_DIR / "register.json")
    probe_lines = log_lines((WORK / "probe.log").read_text(errors="replace"))
    followed = [line for line in probe_lines if line.get("callerRequestId") == registered]
    check("register -> probe: the served probe function's lines name the registration's API request id",
          followed and all(line.get("AWSRequestId") and line.get("AWSRequestId") != registered for line in followed),
          probe_lines[-5:])


def check_certificates():
    """The developer-certificate events: an ownership challenge for the sample's developer and client URI, served by
    the fixture site; the sample's made-up token refused at /challenge; a certificate issued from the sample CSR with
    the real token (the CA key read from Secrets Manager, the metadata and the challenge fetched through the probe
    function) that openssl verifies against the CA, bound to the developer; the token refused when replayed; revoked
    by its serial, listed in the published DER CRL; the sample's made-up serial is unknown; the scheduled refresh.
    First, with the CA's secret not created yet, the function starts (the key is read when it first signs) and the
    issue route answers 503 naming the setting, never the secret's name."""
    api_case("CA secret not created yet: 503 naming the setting", "CertificatesFunction", "certificates-issue", 503,
             lambda b: b["error"] == "temporarily_unavailable"
             and "CERTIFICATE_AUTHORITY_SECRET" in b["error_description"]
             and "not-created-yet" not in b["error_description"],
             "CERTIFICATE_AUTHORITY_SECRET=invoke-events/not-created-yet/developer-ca")
    ca = f"CERTIFICATE_AUTHORITY_SECRET={certificate_authority_secret()}"
    challenge = api_case("an ownership challenge for the sample's developer and client URI", "CertificatesFunction",
                         "certificates-challenge", 201,
                         lambda b: len(b["token"]) >= 22 and b["url"] == "https://app.example.com/.well-known/"
                         "udap-certificate-challenge/" + b["token"] and b["expires_at"], ca)
    if not isinstance(challenge, dict) or "token" not in challenge:
        return
    serve_challenge(challenge["token"])
    api_case("the sample's made-up token is refused at /challenge", "CertificatesFunction", "certificates-issue", 400,
             lambda b: [e["field"] for e in b["errors"]] == ["/challenge"], ca)
    variant = json.loads((EVENTS_DIR / "certificates-issue.json").read_text())
    request = json.loads(variant["body"])
    request["challenge"] = challenge["token"]
    variant["body"] = json.dumps(request)
    (WORK / "certificates-issue-proven.json").write_text(json.dumps(variant))
    before = len(site_requests())
    issued = api_case("a certificate issued from the sample CSR with the served token", "CertificatesFunction",
                      "certificates-issue", 201,
                      lambda b: b["serial"] and b["san_uri"] == "https://app.example.com/udap"
                      and b["developer_id"] == "dev-4711" and b["crl_url"].endswith("/crl/developers.crl"), ca,
                      event_file=WORK / "certificates-issue-proven.json")
    fetched = site_requests()[before:]
    check("certificates-issue: the metadata and the challenge fetched through the probe function",
          any("/.well-known/udap-certificate-challenge/" in line for line in fetched)
          and any("/logo.png" in line for line in fetched), fetched)
    api_case("the served token is used once", "CertificatesFunction", "certificates-issue", 400,
             lambda b: [e["field"] for e in b["errors"]] == ["/challenge"], ca,
             event_file=WORK / "certificates-issue-proven.json")
    if not isinstance(issued, dict) or "certificate" not in issued:
        return
    (WORK / "developer.pem").write_text(issued["certificate"])
    code, output = openssl("verify", "-CAfile", "developer-ca.pem", "developer.pem")
    check("certificates-issue: openssl verifies the certificate against the CA", code == 0, output)
    api_case("a serial the CA never issued is not found", "CertificatesFunction", "certificates-revoke", 404,
             lambda b: b["error"] == "not_found", ca)
    variant = json.loads((EVENTS_DIR / "certificates-revoke.json").read_text())
    path = variant["path"].replace(variant["pathParameters"]["serial"], issued["serial"])
    variant.update(path=path, pathParameters={"serial": issued["serial"]})
    (WORK / "certificates-revoke-issued.json").write_text(json.dumps(variant))
    api_case("the issued certificate revoked (the sample with its serial)", "CertificatesFunction",
             "certificates-revoke", 200, lambda b: b["status"] == "revoked" and b["reason"] == "key_compromise", ca,
             event_file=WORK / "certificates-revoke-issued.json")
    code, answer, _ = invoke("CertificatesFunction", "certificates-crl", ca)
    ok = code == 0 and answer.get("statusCode") == 200 and answer.get("isBase64Encoded") is True
    if ok:
        (WORK / "developers.crl").write_bytes(base64.b64decode(answer["body"]))
        openssl("crl", "-inform", "DER", "-in", "developers.crl", "-out", "developers-crl.pem")
        code, output = openssl("verify", "-crl_check", "-CAfile", "developer-ca.pem", "-CRLfile", "developers-crl.pem",
                               "developer.pem")
        ok = code != 0 and "certificate revoked" in output
    check("certificates-crl: the DER CRL is signed by the CA and revokes the certificate for openssl", ok,
          {"exit": code, "answer": str(answer)[:300]})
    code, answer, _ = invoke("CertificatesFunction", "certificates-refresh", ca)
    check("certificates-refresh: the schedule's pass names the current CRL",
          code == 0 and answer["ca"] == "developers" and int(answer["crl_number"]) >= 1, {"exit": code, "answer": answer})


def main():
    # --- validation: no network
    api_case("the valid sample is valid", "ValidateFunction", "validate-valid", 200,
             lambda b: b["valid"] is True and b["errors"] == [])
    api_case("every problem listed", "ValidateFunction", "validate-many-problems", 200,
             lambda b: b["valid"] is False and len(b["errors"]) >= 10
             and {"/redirect_uris/0", "/client_name", "/logo_uri"} <= {e["field"] for e in b["errors"]})

    # --- the developer registration page and its assets (docs/api/page.md): no network, no AWS
    for event, content_type, marker in [("page", "text/html; charset=utf-8", "<form"),
                                        ("page-asset", "text/javascript; charset=utf-8", "import")]:
        code, answer, _ = invoke("PageFunction", event)
        headers = answer.get("headers", {}) if isinstance(answer, dict) else {}
        check(f"{event}: 200 {content_type} with the page's Content-Security-Policy",
              code == 0 and answer.get("statusCode") == 200 and headers.get("Content-Type") == content_type
              and "script-src 'self'" in headers.get("Content-Security-Policy", "")
              and headers.get("X-Content-Type-Options") == "nosniff" and marker in answer.get("body", ""),
              {"exit": code, "answer": str(answer)[:500]})
    variant = json.loads((EVENTS_DIR / "page-asset.json").read_text())
    variant.update(path="/assets/../index.html", pathParameters={"file": "../index.html"})
    (WORK / "page-asset-traversal.json").write_text(json.dumps(variant))
    api_case("a name outside the page's files is 404", "PageFunction", "page-asset", 404,
             lambda b: b["error"] == "not_found", event_file=WORK / "page-asset-traversal.json")

    # --- probing as deployed (no PROBE_* seam): the sample's names resolve (through the JVM's own hosts file, so no
    # DNS query is sent) to a loopback address, which the public-address rule refuses before any connection.
    before = len(site_requests())
    code, report, _ = invoke("ProbeFunction", "probe-invoke",
                             f"JAVA_TOOL_OPTIONS=-Djdk.net.hosts.file={WORK / 'hosts'}")
    results = report.get("results", []) if isinstance(report, dict) else []
    check("probe-invoke: as deployed, every URL refused as not public, none fetched",
          code == 0 and report["passed"] is False and len(results) == 5
          and all(r["outcome"] == "not_public" for r in results) and len(site_requests()) == before,
          {"exit": code, "report": report, "site requests": site_requests()[before:]})

    # --- a test seam without its guard: the function refuses to start, and nothing is fetched
    before = len(site_requests())
    code, answer, log = invoke("PublicProbeFunction", "probe-api", *[s for s in SEAMS if not s.startswith("PROBE_TEST_SEAMS")],
                               "PROBE_TEST_SEAMS=refused")
    check("probe-api: a PROBE_* seam without PROBE_TEST_SEAMS=allowed stops the function from starting",
          code != 0 and "PROBE_TEST_SEAMS=allowed" in log + json.dumps(answer) and len(site_requests()) == before,
          {"exit": code, "answer": answer, "log": log[-1500:]})

    # --- probing the fixture site through the test seams: every URL answers as its member requires
    before = len(site_requests())
    api_case("every URL probed and passing", "PublicProbeFunction", "probe-api", 200,
             lambda b: b["passed"] is True and len(b["results"]) == 5
             and all(r["outcome"] == "ok" and r["addresses"] == ["127.0.0.2"] for r in b["results"]), *SEAMS)
    fetched = site_requests()[before:]
    check("probe-api: the public probe function fetched the sample's URLs with its User-Agent",
          len(fetched) == 5 and all("FHIR-Client-Registration-URL-Probe/1.0" in line for line in fetched), fetched)
    # The sample's source address has made one request this hour (counted in the emulated RequestCountsTable): with
    # a limit of one, the next is refused before anything is fetched.
    before = len(site_requests())
    api_case("past PROBES_PER_SOURCE_PER_HOUR: 429 rate_limited, nothing fetched", "PublicProbeFunction", "probe-api",
             429, lambda b: b["error"] == "rate_limited" and len(b["errors"]) == 1, *SEAMS,
             "PROBES_PER_SOURCE_PER_HOUR=1")
    check("probe-api: a refused request fetched nothing", len(site_requests()) == before, site_requests()[before:])

    # --- registration, probing through the probe function served on AWS_ENDPOINT_URL_LAMBDA
    before = len(site_requests())
    registered = api_case("registered with credentials", "RegisterFunction", "register", 201,
                          lambda b: b["client_id"] and b["client_secret"] and b["registration_access_token"]
                          and b["client_name"] == "Example Health App")
    check("register: probed through the probe function", len(site_requests()) - before == 5,
          site_requests()[before:])
    # The sample's source address has registered once this hour (RequestCountsTable): with a limit of one, the
    # next attempt is refused before its body is read, so nothing is probed.
    before = len(site_requests())
    api_case("past REGISTRATIONS_PER_SOURCE_PER_HOUR: 429 rate_limited, nothing probed", "RegisterFunction", "register",
             429, lambda b: b["error"] == "rate_limited" and "1 register requests" in b["error_description"],
             "REGISTRATIONS_PER_SOURCE_PER_HOUR=1")
    check("register: a refused attempt probed nothing", len(site_requests()) == before, site_requests()[before:])
    if not isinstance(registered, dict) or "client_id" not in registered:
        print("cannot seed the sample client without a registration", flush=True)
        return
    seed_sample_client(registered["client_id"])

    # --- RFC 7592 with the sample's client id and token (the seeded client)
    # RFC 7592 section 3: a read answers registration_client_uri and a new token; SAMPLE_TOKEN, the one read with,
    # keeps working until the new one is used, so the update below still carries it.
    api_case("the sample client read with a new token, without its secret", "ManageFunction", "manage-read", 200,
             lambda b: b["client_id"] == SAMPLE_CLIENT_ID and b["client_name"] == "Example Health App"
             and "client_secret" not in b and b["registration_access_token"]
             and b["registration_access_token"] != SAMPLE_TOKEN
             and b["registration_client_uri"].endswith("/register/" + SAMPLE_CLIENT_ID))
    before = len(site_requests())
    api_case("the sample client updated after probing", "ManageFunction", "manage-update", 200,
             lambda b: b["client_id"] == SAMPLE_CLIENT_ID and b["client_name"] == "Example Health App 2"
             and b["registration_access_token"] != SAMPLE_TOKEN)
    check("manage-update: probed through the probe function", len(site_requests()) > before, site_requests()[before:])
    restore_sample_token()

    # --- re-verification
    code, answer, _ = invoke("ReverifyFunction", "reverify-client")
    check("reverify-client: the sample client checked now and still active",
          code == 0 and answer["client_id"] == SAMPLE_CLIENT_ID and answer["client_status"] == "active"
          and "url_checks" in answer, {"exit": code, "answer": answer})
    code, answer, _ = invoke("ReverifyFunction", "reverify-segment")
    check("reverify-segment: the segment handled, no failed record",
          code == 0 and answer == {"batchItemFailures": []}, {"exit": code, "answer": answer})
    code, answer, _ = invoke("ReverifyFunction", "reverify-scheduled")
    check("reverify-scheduled: the scheduled run's summary",
          code == 0 and answer["run_id"] == "scheduled:2026-11-28T03:00:00Z" and answer["failed"] == 0
          and answer["suspended"] == 0, {"exit": code, "answer": answer})

    # --- cleanup
    code, answer, _ = invoke("CleanupFunction", "cleanup")
    # Locally VERSION_PRUNED_FUNCTIONS (a list of the stack's functions) is unresolved, so no version is pruned.
    check("cleanup: the pass's summary", code == 0 and isinstance(answer, dict)
          and isinstance(answer.get("abandoned_removed"), int) and isinstance(answer.get("deletions_finished"), int)
          and answer.get("versions_deleted") == 0,
          {"exit": code, "answer": answer})

    # --- deletion, then the sample client is gone for every function
    api_case("the sample client deleted", "ManageFunction", "manage-delete", 204, lambda b: b is None)
    api_case("a deleted client's token no longer works", "ManageFunction", "manage-read", 401,
             lambda b: b["error"] == "invalid_token")
    code, answer, _ = invoke("ReverifyFunction", "reverify-client")
    check("reverify-client: a deleted client is not found", code == 0 and answer["error"] == "not_found",
          {"exit": code, "answer": answer})

    # --- the operator API (AWS_IAM: the events carry the caller in requestContext.identity.userArn): a native app
    # registered on the manual path, then, as the sample client of the other operator events, read, updated,
    # listed, suspended, reinstated and deleted
    before = len(site_requests())
    manual = api_case("a native app registered on the manual path, without a secret", "OperatorFunction",
                      "operator-register", 201,
                      lambda b: b["client_id"] and "client_secret" not in b and b["registration_access_token"]
                      and "com.example.health:/oauth/callback" in b["redirect_uris"])
    fetched = site_requests()[before:]
    check("operator-register: its web URLs probed, its native redirect URIs not",
          len(fetched) == 4 and not any("/oauth/callback" in line for line in fetched), fetched)
    if not isinstance(manual, dict) or "client_id" not in manual:
        print("cannot seed the operator's sample client without a registration", flush=True)
        return
    seed_sample_client(manual["client_id"])
    api_case("the sample client read with its path and status", "OperatorFunction", "operator-read", 200,
             lambda b: b["client_id"] == SAMPLE_CLIENT_ID and b["registration_path"] == "manual"
             and b["client_status"] == "active" and "registration_access_token" not in b)
    # The authority API (AWS_IAM, as the operator API) reads the same client as a token endpoint needs it; the
    # sample client is a public native app, so no presented secret is valid.
    api_case("the sample client read as a token endpoint needs it", "AuthorityFunction", "authority-read", 200,
             lambda b: b["client_id"] == SAMPLE_CLIENT_ID and b["client_status"] == "active"
             and b["token_endpoint_auth_method"] == "none" and "registration_access_token" not in b)
    api_case("a secret presented for a client without one is not valid", "AuthorityFunction",
             "authority-verify-secret", 200, lambda b: b == {"valid": False})
    check_keycloak_connector()
    api_case("the sample client updated", "OperatorFunction", "operator-update", 200,
             lambda b: b["client_id"] == SAMPLE_CLIENT_ID and b["client_name"] == "Example Health Mobile 2")
    api_case("the sample client suspended", "OperatorFunction", "operator-suspend", 200,
             lambda b: b["client_id"] == SAMPLE_CLIENT_ID and b["client_status"] == "suspended")
    api_case("no client in warning fails that logo", "OperatorFunction", "operator-list", 200,
             lambda b: b["clients"] == [])
    api_case("the sample client reinstated", "OperatorFunction", "operator-reinstate", 200,
             lambda b: b["client_id"] == SAMPLE_CLIENT_ID and b["client_status"] == "active")
    api_case("the sample client deleted", "OperatorFunction", "operator-delete", 204, lambda b: b is None)
    api_case("a deleted client is not found", "OperatorFunction", "operator-read", 404,
             lambda b: b["error"] == "not_found")
    api_case("a deleted client is not found by the authority API", "AuthorityFunction", "authority-read", 404,
             lambda b: b["error"] == "not_found" and b["errors"][0]["code"] == "not_found")

    check_certificates()

    # --- UDAP, which the template leaves off (no trust anchors, no server key)
    api_case("refused while UDAP is off", "RegisterFunction", "register-udap", 400,
             lambda b: b["error"] == "unapproved_software_statement")
    api_case("no UDAP metadata while UDAP is off", "DiscoveryFunction", "udap-metadata", 404,
             lambda b: b["error"] == "not_found")

    # --- UDAP on, its secrets not created yet (a first deploy): the functions start, as SnapStart's publishing of a
    # version needs, and answer 503 naming the setting, never an Init failure
    absent = ("UDAP_SERVER_CREDENTIALS_SECRET=udap/not-created-yet/credentials",
              "UDAP_TRUST_ANCHORS_SECRET=udap/not-created-yet/anchors",
              "UDAP_TOKEN_ENDPOINT=https://auth.example.com/token")
    api_case("UDAP secrets not created yet: 503 naming the setting", "DiscoveryFunction", "udap-metadata", 503,
             lambda b: b["error"] == "temporarily_unavailable"
             and any(setting in b["error_description"]
                     for setting in ("UDAP_SERVER_CREDENTIALS_SECRET", "UDAP_TRUST_ANCHORS_SECRET"))
             and "not-created-yet" not in b["error_description"], *absent)
    api_case("UDAP trust anchors not created yet: 503 naming the setting", "RegisterFunction", "register-udap", 503,
             lambda b: b["error"] == "temporarily_unavailable"
             and "UDAP_TRUST_ANCHORS_SECRET" in b["error_description"], *absent)

    # --- UDAP on, its secrets in place: the packaged discovery function reads the PEM, signs and answers (every class
    # of that path is in the minimised package)
    api_case("UDAP metadata signed for the FHIR base URL", "DiscoveryFunction", "udap-metadata", 200,
             lambda b: b["registration_endpoint"].endswith("/register") and b["signed_metadata"].count(".") == 2,
             *udap_secrets())

    check_logs()

    missing = sorted(p.stem for p in EVENTS_DIR.glob("*.json") if p.stem not in invoked)
    check("every file of events/ invoked", not missing, f"not invoked: {missing}")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a broken check is a failure, never a pass
        check("the checks ran to the end", False, repr(error))
    sys.exit(TALLY.summary())
