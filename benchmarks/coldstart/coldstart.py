#!/usr/bin/env python3
"""Cold start of every function under the AWS Lambda Runtime Interface Emulator (RIE) and the AWS Java runtime
interface client (RIC), against a hello-world handler packaged and invoked the same way. Started by
benchmarks/coldstart/run, which starts moto server; it measures the functions' deployment packages as built (it
builds none of them). See benchmarks/README.md, "Cold start".

Per run, for one subject (a function, or the hello-world baseline) and one mode:
  t0     just before the RIE is launched (the RIE starts the JVM when the first invocation arrives)
  POST   the subject's event, as soon as the RIE's port accepts connections
  t1     the whole response has been read
  total = t1 - t0: launching the emulator and the JVM, the runtime client, loading and constructing the handler,
  and the first invocation. The RIE's log adds "init" (JVM start to the runtime's first /next) and "first invoke"
  (the first handler call). A second request follows, outside the total: "warm invoke" (the RIE's duration of it),
  what the function pays once warm, its own work and the services it calls (moto, the probe function, the probed
  sites). Every answer is checked; a wrong one stops the benchmark.
Modes:
  plain   the runtime client's own bootstrap (AWSLambda), as Lambda starts a function without SnapStart
  primed  coldstart.bootstrap.PrimeThenServe: init as Lambda's (handler class loaded and constructed), then every
          org.crac beforeCheckpoint hook (the priming) and afterRestore hook, then the runtime client takes the event.
          There is no snapshot here, so "total" includes the priming; "first invoke" is what a restored SnapStart
          function would pay on its first request.
Runs are interleaved (every subject and mode once per round) after one unmeasured round, so drift hits all alike.

Environment (set by ./run): RIE, RIC_DIR (ric/*.jar and jni/), BOOTSTRAP_JAR, HELLO_JAR, AWS_ENDPOINT_URL (moto).
The template, the task roots, the emulator's and the JVM's command lines come from scripts/lib/lambda_local, the
library scripts/invoke runs functions with.
Needs root: the probe function only probes port 443, so the sites it probes are served on 127.0.0.97:443.
"""
import argparse
import datetime
import http.server
import io
import json
import os
import pathlib
import re
import resource
import shlex
import shutil
import signal
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
import uuid
import zipfile
import zlib

import boto3

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "scripts" / "lib"))

from lambda_local.emulated_aws import table_request  # noqa: E402
from lambda_local.package import code_uri, task_root  # noqa: E402
from lambda_local.processes import free_port, stop_group, wait_for_port  # noqa: E402
from lambda_local.runtime import JNI_PROPERTY, RIC_MAIN, RIE_INVOKE_PATH as INVOKE_PATH  # noqa: E402
from lambda_local.runtime import emulator_command, java_command  # noqa: E402
from lambda_local.template import function_properties, functions_of, read_template  # noqa: E402

TEMPLATE = REPO / "infrastructure" / "template.yaml"
WORK = HERE / "target"
PRIMED_MAIN = "coldstart.bootstrap.PrimeThenServe"
# JVM options under trial, appended for every subject and the baseline (run's COLDSTART_JAVA_OPTS); named in the results.
EXTRA_JAVA_OPTIONS = shlex.split(os.environ.get("COLDSTART_JAVA_OPTS", ""))
SITE_ADDRESS = "127.0.0.97"
PUBLIC_BASE_URL = "https://registration.example.com"
COMMUNITY = "urn:example:coldstart-community"

# The functions measured are the template's (every AWS::Serverless::Function, its module named by its CodeUri), so a
# function added to the template is measured without a change here. Each is invoked with an event of events/: the
# one named below, else events/<module>.json, else the first events/<module>-*.json; and its answer is checked by
# CHECKS below, else by GENERIC_CHECK (no function error, no 5xx).
EVENTS = {
    "validate": "validate-valid.json",
    "probe": "probe-invoke.json",
    "public-probe": "probe-api.json",
    "manage": "manage-read.json",
    "reverify": "reverify-scheduled.json",
    "discovery": "udap-metadata.json",
    "operator": "operator-list.json",
    "certificates": "certificates-crl.json",
    # With KeycloakBaseUrl at its default (empty) the connector has no Keycloak: every message of the batch comes
    # back in batchItemFailures, which is an answer, not a function error.
    "connector": "keycloak-connector-batch.json",
}
HELLO = "hello-world"

INIT_RE = re.compile(r"INIT REPORT\(durationMs: ([0-9.]+)\)")
# The second request of a run is event_for_run(number + WARM_RUN): a registration of its own.
WARM_RUN = 100_000
INVOKE_RE = re.compile(r"INVOKE RTDONE\(status: (\w+).*?duration: ([0-9.]+)ms\)")
PRIMING_STOPPED_RE = re.compile(r"priming \S+ stopped")
PRIME_RE = re.compile(r"PRIME construct=([0-9.]+)ms beforeCheckpoint=([0-9.]+)ms afterRestore=([0-9.]+)ms")


# ---------------------------------------------------------------------------------------------------- the template

def template_functions(template):
    """(module, logical id, jar) of every function of the template, in template order: the jar is its CodeUri, the
    deployment package mvn package built in functions/<module>/target."""
    found = []
    for logical_id, resource in functions_of(template).items():
        jar = code_uri(resource.get("Properties", {}), TEMPLATE.parent)
        if jar.parent.name != "target" or jar.parent.parent.parent != REPO / "functions":
            raise SystemExit(f"coldstart: {logical_id}: CodeUri {jar} is no module's jar")
        found.append((jar.parent.parent.name, logical_id, jar))
    return found


def subject_name(logical_id):
    """PublicProbeFunction -> public-probe."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", logical_id.removesuffix("Function")).lower()


def event_file(module):
    if module in EVENTS:
        return EVENTS[module]
    if (REPO / "events" / f"{module}.json").is_file():
        return f"{module}.json"
    named = sorted(p.name for p in (REPO / "events").glob(f"{module}-*.json"))
    if not named:
        raise SystemExit(f"coldstart: no event for {module}: add events/{module}.json")
    return named[0]


def resolve(value, parameters, resources):
    """A template value as the function would see it here: parameters by their Default, resources by `resources`."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, bool):
        return str(value).lower()
    reference = value.get("Ref") or value.get("Fn::GetAtt")
    if isinstance(reference, list):  # !GetAtt a.b reads as [a, b]
        reference = ".".join(reference)
    if reference is None:  # Fn::Join, Fn::Sub...: left unset, as scripts/invoke leaves them
        print(f"coldstart: not set locally: {json.dumps(value)}", file=sys.stderr)
        return None
    if reference in resources:
        return resources[reference]
    if reference in parameters and "Default" in parameters[reference]:
        return str(parameters[reference]["Default"])
    raise SystemExit(f"coldstart: no local value for {reference}")


# ---------------------------------------------------------------------------------------------------- local AWS (moto)

def run_openssl(*args):
    subprocess.run(["openssl", *args], check=True, capture_output=True)


def udap_material(work):
    """A trust anchor and the server's RS256 signing credentials (leaf with PUBLIC_BASE_URL as SAN URI), as PEM."""
    run_openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{work}/anchor.key", "-out",
                f"{work}/anchor.pem", "-days", "2", "-subj", "/CN=Cold start UDAP anchor",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run_openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{work}/server.key", "-out", f"{work}/server.csr",
                "-subj", "/CN=registration.example.com")
    pathlib.Path(f"{work}/server.ext").write_text(
        f"subjectAltName=URI:{PUBLIC_BASE_URL}\nkeyUsage=critical,digitalSignature\n")
    run_openssl("x509", "-req", "-in", f"{work}/server.csr", "-CA", f"{work}/anchor.pem", "-CAkey",
                f"{work}/anchor.key", "-CAcreateserial", "-out", f"{work}/server.pem", "-days", "2",
                "-extfile", f"{work}/server.ext")
    anchor = pathlib.Path(f"{work}/anchor.pem").read_text()
    anchors = f"community: {COMMUNITY}\n{anchor}"
    credentials = "".join(pathlib.Path(f"{work}/{name}").read_text() for name in ("server.key", "server.pem"))
    return anchors, credentials + anchor


def local_aws(template, work):
    """The template's tables, the event bus, the queue, the UDAP secrets and the developer CA's key in moto; returns
    the resource values."""
    run_id = uuid.uuid4().hex[:8]
    name = f"coldstart-{run_id}"
    dynamodb = boto3.client("dynamodb")

    def create_table(logical_id, table_name):
        # As scripts/invoke makes the template's tables (lambda_local), indexes included.
        dynamodb.create_table(**table_request(table_name, template["Resources"][logical_id]["Properties"]))

    create_table("ClientsTable", name)
    bus = boto3.client("events").create_event_bus(Name=f"coldstart-{run_id}")["EventBusArn"].split("/")[-1]
    queue = boto3.client("sqs").create_queue(QueueName=f"coldstart-{run_id}")["QueueUrl"]
    anchors, credentials = udap_material(work)
    secrets = boto3.client("secretsmanager")
    anchors_secret = secrets.create_secret(Name=f"coldstart/{run_id}/udap-anchors", SecretString=anchors)["Name"]
    credentials_secret = secrets.create_secret(Name=f"coldstart/{run_id}/udap-server",
                                               SecretString=credentials)["Name"]
    create_table("CertificatesTable", f"{name}-certificates")
    create_table("RequestCountsTable", f"{name}-request-counts")
    run_openssl("req", "-x509", "-newkey", "rsa:3072", "-nodes", "-keyout", f"{work}/developer-ca.key", "-out",
                f"{work}/developer-ca.pem", "-days", "2", "-subj", "/CN=Cold start developer CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    authority = "".join(pathlib.Path(f"{work}/{file}").read_text() for file in ("developer-ca.key", "developer-ca.pem"))
    authority_secret = secrets.create_secret(Name=f"coldstart/{run_id}/developer-ca", SecretString=authority)["Name"]
    # As the template's GenerateSecretString: a random value nobody types.
    pepper_secret = secrets.create_secret(Name=f"coldstart/{run_id}/idempotency-pepper",
                                          SecretString=uuid.uuid4().hex + uuid.uuid4().hex)["Name"]
    return {
        "CertificatesTable": f"{name}-certificates", "CertificateAuthoritySecret": authority_secret,
        "IdempotencyPepperSecret": pepper_secret,
        "RequestCountsTable": f"{name}-request-counts",
        "ClientsTable": name, "ClientEventsBus": bus, "ReverifyQueue": queue, "ProbeFunction.Alias": "function",
        "SecretsKey.Arn": None, "PublicBaseUrl": PUBLIC_BASE_URL,
        "ManualRegistrationUrl": "https://manual-registration.example.com/apps",
        "SecretPrefix": f"coldstart/{run_id}/clients/",
        "UdapTrustAnchorsSecret": anchors_secret, "UdapServerCredentialsSecret": credentials_secret,
        "UdapTokenEndpoint": "https://auth.example.com/token",
    }


# ---------------------------------------------------------------------------------------------------- probed sites

def one_pixel_png():
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 5)) \
        + chunk(b"IEND", b"")


class SiteHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    png = one_pixel_png()

    def setup(self):
        self.request.do_handshake()
        super().setup()

    def do_GET(self):
        if self.path == "/callback":
            status, kind, body = 400, "text/plain", b"missing code"
        elif self.path == "/logo.png":
            status, kind, body = 200, "image/png", self.png
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
    request_queue_size = 64


def serve_sites(work, hosts):
    """HTTPS for *.example.com on SITE_ADDRESS:443 (a throw-away CA) and the probe's test seams pointing at it."""
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run_openssl("req", "-x509", *ec, "-keyout", f"{work}/ca.key", "-out", f"{work}/ca.pem", "-days", "2",
                "-subj", "/CN=Cold start benchmark CA")
    pathlib.Path(f"{work}/site.ext").write_text("subjectAltName=DNS:*.example.com\n")
    run_openssl("req", *ec, "-keyout", f"{work}/site.key", "-out", f"{work}/site.csr", "-subj", "/CN=*.example.com")
    run_openssl("x509", "-req", "-in", f"{work}/site.csr", "-CA", f"{work}/ca.pem", "-CAkey", f"{work}/ca.key",
                "-CAcreateserial", "-out", f"{work}/site.pem", "-days", "2", "-extfile", f"{work}/site.ext")
    server = SiteServer((SITE_ADDRESS, 443), SiteHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(f"{work}/site.pem", f"{work}/site.key")
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pathlib.Path(f"{work}/hosts").write_text("".join(f"{SITE_ADDRESS} {host}\n" for host in hosts))
    seams = {"PROBE_HOSTS_FILE": f"{work}/hosts", "PROBE_TRUSTED_CA_FILE": f"{work}/ca.pem",
             "PROBE_ALLOWED_CIDRS": f"{SITE_ADDRESS}/32", "PROBE_TEST_SEAMS": "allowed"}
    return server, seams


# ---------------------------------------------------------------------------------------------------- one process

class Subject:
    """One function (or the baseline) as deployed here: task root, handler, environment, event."""

    def __init__(self, name, jar, root, handler, memory, env, event, check, event_for_run=None):
        self.name, self.jar, self.root, self.handler, self.memory = name, jar, root, handler, memory
        self.env, self.event, self.check = env, event, check
        self.event_for_run = event_for_run or (lambda n: self.event)

    def command(self, tools, port, api_port, primed, extra=()):
        # As scripts/invoke (lambda_local): the managed runtime's JVM (serial GC, C1 only, heap from the memory size).
        options = ["-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac", *EXTRA_JAVA_OPTIONS, *extra]
        ric_jars = f"{tools['ric']}/ric/*"
        if primed:
            jvm = java_command(self.memory, [ric_jars, str(tools["bootstrap"]), str(self.root)], PRIMED_MAIN,
                               self.handler, options, tools["ric"])
        else:
            jvm = java_command(self.memory, [ric_jars], RIC_MAIN, self.handler, options, tools["ric"])
        return emulator_command(port, api_port, "info", tools["rie"]) + jvm


def stop(process):
    stop_group(process)  # the RIE's own process group: the RIE and the JVM it started


def post(port, body, timeout=120):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{INVOKE_PATH}", data=body, method="POST")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, response.read()


def children_cpu():
    """CPU seconds of the processes this one has waited for: the RIE and, reaped by it, the JVM."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_run(subject, tools, primed, number, extra=()):
    port, api_port = free_port(), free_port()
    event = subject.event_for_run(number)
    with tempfile.TemporaryFile() as log:
        cpu0 = children_cpu()
        t0 = time.perf_counter()
        rie = subprocess.Popen(subject.command(tools, port, api_port, primed, extra), cwd=subject.root,
                               env=subject.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            if not wait_for_port(port, rie, 10, interval=0.002):
                raise RuntimeError(f"{subject.name}: the emulator did not listen")
            status, body = post(port, event)
            t1 = time.perf_counter()
            # A second request, outside the total: what the same function pays once warm (its own work and the
            # services it calls), against which the first invocation's cold part is read.
            warm_status, warm_body = post(port, subject.event_for_run(number + WARM_RUN))
        finally:
            stop(rie)
        cpu = children_cpu() - cpu0
        log.seek(0)
        text = log.read().decode(errors="replace")
    problem = subject.check(status, body) or subject.check(warm_status, warm_body)
    if problem:
        raise SystemExit(f"coldstart: {subject.name} ({'primed' if primed else 'plain'}) answered wrongly: {problem}"
                         f"\n{body[:500]!r}\n--- log ---\n{text[-3000:]}")
    init, prime = INIT_RE.search(text), PRIME_RE.search(text)
    invokes = INVOKE_RE.findall(text)
    if primed and not prime:
        raise SystemExit(f"coldstart: {subject.name}: the primed bootstrap did not run\n{text[-3000:]}")
    if primed and PRIMING_STOPPED_RE.search(text):
        raise SystemExit(f"coldstart: {subject.name}: its priming failed\n{text[-3000:]}")
    return {"total": (t1 - t0) * 1000, "cpu": cpu * 1000, "init": float(init.group(1)) if init else None,
            "invoke": float(invokes[0][1]) if invokes else None,
            "warm": float(invokes[1][1]) if len(invokes) > 1 else None,
            "construct": float(prime.group(1)) if prime else None,
            "priming": float(prime.group(2)) + float(prime.group(3)) if prime else None}


class Served:
    """A function kept warm behind its own RIE (the probe function that register invokes through the Lambda API)."""

    def __init__(self, subject, tools):
        self.port = free_port()
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(subject.command(tools, self.port, free_port(), False), cwd=subject.root,
                                        env=subject.env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        if not wait_for_port(self.port, self.process, 10, interval=0.002):
            raise SystemExit(f"coldstart: {subject.name} could not be served")

    def close(self):
        stop(self.process)
        self.log.close()


# ---------------------------------------------------------------------------------------------------- the subjects

def api_check(expected_status, test=lambda body: True):
    def check(status, raw):
        if status != 200:
            return f"HTTP {status} from the emulator"
        answer = json.loads(raw)
        if "errorType" in answer:
            return f"the function failed: {answer.get('errorType')}"
        body = json.loads(answer["body"]) if answer.get("body") else None
        if answer.get("statusCode") != expected_status or not test(body):
            return f"status {answer.get('statusCode')}, expected {expected_status}"
        return None
    return check


def direct_check(test):
    def check(status, raw):
        if status != 200:
            return f"HTTP {status} from the emulator"
        answer = json.loads(raw)
        return None if isinstance(answer, dict) and "errorType" not in answer and test(answer) else "unexpected answer"
    return check


CHECKS = {
    "validate": api_check(200, lambda b: b["valid"] is True),
    "probe": direct_check(lambda a: a.get("passed") is True),
    "register": api_check(201, lambda b: bool(b.get("client_id"))),
    "manage": api_check(200, lambda b: bool(b.get("client_id"))),
    "cleanup": direct_check(lambda a: "abandoned_removed" in a),
    "reverify": direct_check(lambda a: "error" not in a),
    "discovery": api_check(200, lambda b: bool(b.get("signed_metadata"))),
}


def generic_check(status, raw):
    """A function without a check of its own: it answered, without a function error and without a 5xx."""
    if status != 200:
        return f"HTTP {status} from the emulator"
    answer = json.loads(raw)
    if isinstance(answer, dict) and "errorType" in answer:
        return f"the function failed: {answer.get('errorType')}"
    if isinstance(answer, dict) and int(answer.get("statusCode", 200)) >= 500:
        return f"status {answer.get('statusCode')}"
    return None


def registration_event(sample, number):
    """The sample registration on a host of its own, with an Idempotency-Key of its own: every run registers anew."""
    event = json.loads(sample)
    event["body"] = event["body"].replace("app.example.com", f"r{number}.example.com")
    key = str(uuid.uuid4())
    event["headers"]["Idempotency-Key"] = key
    event["multiValueHeaders"]["Idempotency-Key"] = [key]
    return json.dumps(event).encode()


def artifact_size(jar):
    """The deployment package: the jar, which sam package uploads as it is (the template's CodeUri)."""
    with zipfile.ZipFile(jar) as archive:
        classes = sum(1 for n in archive.namelist() if n.endswith(".class"))
    return {"jar_bytes": jar.stat().st_size, "zip_bytes": jar.stat().st_size, "classes_in_jar": classes}


def subjects(template, functions, resources, seams, only):
    parameters = template.get("Parameters", {})
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8", "TZ": "UTC",
            "AWS_REGION": os.environ.get("AWS_REGION", "us-east-1"),
            "AWS_DEFAULT_REGION": os.environ.get("AWS_REGION", "us-east-1"),
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST", "AWS_ENDPOINT_URL": os.environ["AWS_ENDPOINT_URL"]}
    if os.environ.get("JAVA_HOME"):
        base["JAVA_HOME"] = os.environ["JAVA_HOME"]
    found = {}
    modules_seen = set()
    for module, logical_id, jar in functions:
        # A module's second function (PublicProbeFunction, AuthorityFunction) is a subject of its own, named from
        # its logical id (public-probe, authority).
        subject = module if module not in modules_seen else subject_name(logical_id)
        modules_seen.add(module)
        if only and subject not in only and not (subject == "probe" and "register" in only):
            continue
        if not jar.is_file():
            raise SystemExit(f"coldstart: {jar.relative_to(REPO)} is missing: build first (mvn -q package -DskipTests)")
        props = function_properties(template, logical_id)
        env = dict(base)
        for name, value in props["Environment"]["Variables"].items():
            resolved = resolve(value, parameters, resources)
            if resolved is not None:
                env[name] = resolved
        memory, timeout = int(props.get("MemorySize", 128)), int(props.get("Timeout", 3))
        root = task_root(jar, WORK / "task")  # unpacked, as Lambda unpacks the jar into /var/task
        env.update(AWS_LAMBDA_FUNCTION_NAME=logical_id, AWS_LAMBDA_FUNCTION_MEMORY_SIZE=str(memory),
                   AWS_LAMBDA_FUNCTION_TIMEOUT=str(timeout), LAMBDA_TASK_ROOT=str(root))
        if props.get("LoggingConfig", {}).get("LogFormat"):
            env["AWS_LAMBDA_LOG_FORMAT"] = props["LoggingConfig"]["LogFormat"]
        if module == "probe":
            env.update(seams)
        event = (REPO / "events" / event_file(subject)).read_bytes()
        found[subject] = Subject(subject, jar, root, props["Handler"], memory, env, event,
                                 CHECKS.get(subject, generic_check))
    hello_jar = pathlib.Path(os.environ["HELLO_JAR"])
    hello_root = task_root(hello_jar, WORK / "task")
    found[HELLO] = Subject(HELLO, hello_jar, hello_root, "coldstart.hello.HelloHandler::handleRequest", 1024,
                           dict(base, AWS_LAMBDA_FUNCTION_NAME="HelloWorld", AWS_LAMBDA_FUNCTION_MEMORY_SIZE="1024",
                                AWS_LAMBDA_FUNCTION_TIMEOUT="10", LAMBDA_TASK_ROOT=str(hello_root)),
                           b"{}", direct_check(lambda a: a.get("hello") == "world"))
    return found


def registered_client(register, tools):
    """One client registered through a warm register function, for the RFC 7592 read the manage function answers."""
    served = Served(register, tools)
    try:
        status, raw = post(served.port, register.event_for_run(0))
        served.log.seek(0)
        log = served.log.read().decode(errors="replace")
    finally:
        served.close()
    body = json.loads(json.loads(raw)["body"])
    if "client_id" not in body:
        raise SystemExit(f"coldstart: register did not register the client manage reads: {raw[:500]!r}"
                         f"\n--- log ---\n{log[-3000:]}")
    return body["client_id"], body["registration_access_token"]


def census(subject, tools):
    """Classes the JVM loaded up to the first answer (plain mode), in one extra run outside the timings."""
    with tempfile.TemporaryDirectory() as scratch:
        log = pathlib.Path(scratch) / "classes.log"
        one_run(subject, tools, False, 0, extra=(f"-Xlog:class+load=info:file={log}",))
        lines = log.read_text(errors="replace").splitlines()
    loaded = [line for line in lines if " source: " in line]
    own = [line for line in loaded if str(subject.root) in line or "/lib/" in line.split(" source: ")[1]]
    return {"classes_loaded": len(loaded), "classes_loaded_from_artifact": len(own)}


# ---------------------------------------------------------------------------------------------------- report

def median_range(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return "–"
    return f"{statistics.median(values):.0f} ({values[0]:.0f}–{values[-1]:.0f})"


def table(results, order):
    hello = statistics.median(r["total"] for r in results[HELLO]["plain"])
    lines = [
        "| function | total ms, plain | CPU ms, plain | total × hello | total ms, primed | first invoke ms, plain → primed "
        "| warm invoke ms | priming ms | jar MB | zipped MB | classes in jar | classes loaded |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in order:
        r = results[name]
        plain, primed = r["plain"], r["primed"]
        ratio = statistics.median(x["total"] for x in plain) / hello
        first = (f"{statistics.median(x['invoke'] for x in plain):.0f} → "
                 f"{statistics.median(x['invoke'] for x in primed):.0f}")
        priming = statistics.median(x["priming"] for x in primed)
        warm = statistics.median(x["warm"] for x in plain + primed)
        lines.append(f"| {name} | {median_range(x['total'] for x in plain)} "
                     f"| {statistics.median(x['cpu'] for x in plain):.0f} | {ratio:.1f} "
                     f"| {median_range(x['total'] for x in primed)} | {first} | {warm:.0f} | {priming:.0f} "
                     f"| {r['size']['jar_bytes'] / 1e6:.1f} | {r['size']['zip_bytes'] / 1e6:.1f} "
                     f"| {r['size']['classes_in_jar']} | {r['census']['classes_loaded']} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs per subject and mode (default 5)")
    parser.add_argument("--only", default="", help="comma-separated modules, e.g. validate,probe")
    args = parser.parse_args()
    only = {m for m in args.only.split(",") if m}
    tools = {"rie": pathlib.Path(os.environ["RIE"]), "ric": pathlib.Path(os.environ["RIC_DIR"]),
             "bootstrap": pathlib.Path(os.environ["BOOTSTRAP_JAR"])}
    template = read_template(TEMPLATE)
    WORK.mkdir(exist_ok=True)
    rounds = args.runs + 1
    with tempfile.TemporaryDirectory(prefix="coldstart-") as work:
        resources = local_aws(template, work)
        server, seams = serve_sites(work, ["app.example.com"] + [f"r{n}.example.com" for n in range(8 * rounds + 8)])
        functions = template_functions(template)
        found = subjects(template, functions, resources, seams, only)
        served = None
        try:
            if "register" in found:
                served = Served(found["probe"], tools)  # register invokes the probe function, warm
                # Every run registers twice, from one source, on example.com: more than the per-source and
                # per-domain limits allow by default.
                found["register"].env.update(AWS_ENDPOINT_URL_LAMBDA=f"http://127.0.0.1:{served.port}",
                                             CLIENTS_PER_DOMAIN="1000", REGISTRATIONS_PER_SOURCE_PER_HOUR="1000")
                sample = found["register"].event
                counter = iter(range(1, 1_000_000))
                found["register"].event_for_run = lambda n: registration_event(sample, next(counter))
            if "manage" in found:
                if "register" not in found:
                    raise SystemExit("coldstart: manage reads a client that register registers: include register")
                client_id, token = registered_client(found["register"], tools)
                text = found["manage"].event.decode()
                found["manage"].event = text.replace("kq3F8xUjT1aW0zR5bN7mLg", client_id).replace(
                    "rG7mX2pQ9vLk4sT8wZ1nB6cY3hJ5fD0aE2uI7oP9qWx", token).encode()
            order = [name for name in found if name != HELLO and (not only or name in only)] + [HELLO]
            results = {name: {"plain": [], "primed": []} for name in order}
            for number in range(rounds):
                for name in order:
                    for mode in ("plain", "primed"):
                        run = one_run(found[name], tools, mode == "primed", number)
                        if number > 0:  # the first round only warms the file cache and the CDS archive
                            results[name][mode].append(run)
                print(f"round {number + 1}/{rounds} done", file=sys.stderr)
            for name in order:
                results[name]["size"] = artifact_size(found[name].jar)
                results[name]["census"] = census(found[name], tools)
        finally:
            if served:
                served.close()
            server.shutdown()
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    header = (f"{datetime.date.today()}, {args.runs} runs per subject and mode, interleaved; {version}; "
              f"{os.cpu_count()} CPUs" + (f"; extra JVM options: {' '.join(EXTRA_JAVA_OPTIONS)}" if EXTRA_JAVA_OPTIONS else ""))
    markdown = table(results, order)
    (WORK / "results.json").write_text(json.dumps({"header": header, "results": results}, indent=1))
    (WORK / "results.md").write_text(header + "\n\n" + markdown + "\n")
    print(header)
    print()
    print(markdown)


if __name__ == "__main__":
    main()
