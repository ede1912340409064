"""The Lambda Invoke API (POST /2015-03-31/functions/{name}/invocations) for one emulated function, on 127.0.0.1:
how the functions that invoke another one (PROBE_FUNCTION_NAME) reach it locally."""
import http.server
import json
import threading
import time
import urllib.parse

from lambda_local import note
from lambda_local.runtime import outcome

INVOKE_PREFIX, INVOKE_SUFFIX = "/2015-03-31/functions/", "/invocations"


class InvokeApi:
    """The Lambda Invoke API path for one emulated function, on 127.0.0.1, one invocation at a time."""

    def __init__(self, emulated, port):
        names = {"function", emulated.function}

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                path = urllib.parse.urlsplit(self.path).path
                name = urllib.parse.unquote(path[len(INVOKE_PREFIX):-len(INVOKE_SUFFIX)]) \
                    if path.startswith(INVOKE_PREFIX) and path.endswith(INVOKE_SUFFIX) else None
                payload = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                # A name may be an ARN and may carry a qualifier (ProbeFunction:live): its function part decides.
                if name is not None and name.startswith("arn:"):
                    name = name.split(":function:", 1)[-1]
                if name is None or name.split(":", 1)[0] not in names:
                    self.answer(404, json.dumps({"Type": "User", "message": f"Function not found: {name}"}).encode(),
                                {"X-Amzn-ErrorType": "ResourceNotFoundException"})
                    return
                kind = self.headers.get("X-Amz-Invocation-Type", "RequestResponse")
                if kind == "DryRun":
                    self.answer(204, b"", {})
                    return
                forwarded = {h: self.headers[h] for h in ("X-Amz-Client-Context", "X-Amzn-Trace-Id")
                             if h in self.headers}
                started = time.monotonic()
                status, body = emulated.invoke(payload, forwarded)
                result = outcome(status, body)
                note(f"{emulated.function} invoked through the Invoke API: {result} "
                     f"in {(time.monotonic() - started) * 1000:.0f} ms")
                headers = {"X-Amz-Executed-Version": "$LATEST"}
                if result == "failed":
                    headers["X-Amz-Function-Error"] = "Unhandled"
                    if body.startswith(b"Task timed out after"):
                        body = json.dumps({"errorType": "Sandbox.Timedout", "errorMessage": body.decode()}).encode()
                if result == "broken":
                    # Lambda answers a runtime that cannot answer with a 502 of its own.
                    message = body.decode(errors="replace") or f"the runtime failed (emulator status {status})"
                    self.answer(502, json.dumps({"Type": "Service", "message": message}).encode(),
                                {"X-Amzn-ErrorType": "ServiceException"})
                elif kind == "Event":
                    self.answer(202, b"", headers)  # run synchronously here; Lambda would queue it
                else:
                    self.answer(200, body, headers)

            def answer(self, status, body, headers):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        # A thread per connection (the SDK keeps its connections open), one invocation at a time (Emulated.lock).
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = None

    def start_in_background(self):
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        if self.thread:
            self.server.shutdown()
        self.server.server_close()


