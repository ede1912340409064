"""One function in the AWS Lambda Runtime Interface Emulator, with the AWS Java runtime interface client as its
bootstrap, as Lambda's managed java21 runtime runs it."""
import json
import os
import pathlib
import subprocess
import sys
import threading
import urllib.error
import urllib.request

from lambda_local import InvokeError
from lambda_local.package import code_uri, task_root
from lambda_local.java import java21_home
from lambda_local.processes import die_with_parent, free_port, stop_group, wait_for_port
from lambda_local.template import function_properties

REPO = pathlib.Path(__file__).resolve().parents[3]
RIE = REPO / ".tools" / "bin" / "aws-lambda-rie"
RIC_DIR = REPO / "tools" / "ric" / "target"
RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"
JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI"
# The one path the emulator serves; its function name is always "function".
RIE_INVOKE_PATH = "/2015-03-31/functions/function/invocations"


def emulator_command(port, api_port, log_level, rie=RIE):
    """The Runtime Interface Emulator on 127.0.0.1:port, serving the Runtime API on api_port to the command after it.
    Its own settings go in flags, never in variables: it hands its whole environment to the runtime."""
    return [str(rie), "--runtime-interface-emulator-address", f"127.0.0.1:{port}",
            "--runtime-api-address", f"127.0.0.1:{api_port}", "--log-level", log_level]


def java_command(memory, classpath, main, handler, java_options=(), ric_dir=RIC_DIR):
    """The JVM of Lambda's managed java runtime for a function of `memory` MB: serial GC, C1 only, heap from the
    memory, IPv4 sockets, the RIC's JNI library from ric_dir/jni; then java_options, the class path and main."""
    java = os.path.join(java21_home(), "bin", "java")
    machine = os.uname().machine
    jni = pathlib.Path(ric_dir) / "jni" / ("libaws-lambda-jni.linux-aarch_64.so" if machine in ("aarch64", "arm64")
                                           else "libaws-lambda-jni.linux-x86_64.so")
    if not jni.is_file():
        raise InvokeError(f"{jni} is missing: run scripts/install-tools")
    return ([java, f"-XX:MaxHeapSize={int(memory * 0.85)}m", "-XX:+UseSerialGC", "-Xshare:auto",
             "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true",
             f"-D{JNI_PROPERTY}={jni}"] + list(java_options)
            + ["-cp", os.pathsep.join(classpath), main, handler])


class Emulated:
    """One function in the Runtime Interface Emulator: the emulator process, which starts the JVM on first invoke."""

    def __init__(self, function, template, build_dir, env, java_options=()):
        self.function = function
        properties = function_properties(template, function)
        self.timeout = int(properties.get("Timeout", 3))
        self.memory = int(properties.get("MemorySize", 128))
        self.handler = properties.get("Handler")
        if not isinstance(self.handler, str):
            raise InvokeError(f"{function} has no Handler in the template")
        # The built template's CodeUri (relative to the build folder) is the jar; unpacked under the build folder.
        self.task_root = task_root(code_uri(properties, build_dir), build_dir / "task")
        self.env = env
        self.java_options = list(java_options)
        self.process = None
        self.port = None
        self.lock = threading.Lock()

    def command(self, port, api_port):
        # The RIC loads the handler from the working directory (the task root), as in Lambda.
        return (emulator_command(port, api_port, os.environ.get("INVOKE_RIE_LOG_LEVEL", "error"))
                + java_command(self.memory, [str(RIC_DIR / "ric" / "*")], RIC_MAIN, self.handler, self.java_options))

    def start(self):
        self.port, api_port = free_port(), free_port()
        command = self.command(self.port, api_port)
        env = dict(self.env, LAMBDA_TASK_ROOT=str(self.task_root), _HANDLER=self.handler,
                   AWS_LAMBDA_FUNCTION_TIMEOUT=str(self.timeout))
        self.process = subprocess.Popen(command, cwd=self.task_root, env=env, stdin=subprocess.DEVNULL,
                                        stdout=sys.stderr, stderr=sys.stderr, preexec_fn=die_with_parent)
        if not wait_for_port(self.port, self.process, 15):
            raise InvokeError(f"the emulator for {self.function} did not listen on 127.0.0.1:{self.port} "
                              f"(exit status {self.process.poll()})")
        return self

    def invoke(self, payload, headers=None):
        """(HTTP status, body) of one invocation; one at a time, since the emulator runs one at a time."""
        with self.lock:
            request = urllib.request.Request(f"http://127.0.0.1:{self.port}{RIE_INVOKE_PATH}", data=payload,
                                             method="POST", headers=headers or {})
            try:
                # The first invocation also starts the JVM (the emulator initialises lazily): allow for it.
                with urllib.request.urlopen(request, timeout=self.timeout + 60) as response:
                    return response.status, response.read()
            except urllib.error.HTTPError as error:
                return error.code, error.read()
            except OSError as error:
                if self.process.poll() is not None:
                    return 502, f"the emulator exited with status {self.process.poll()}".encode()
                return 502, f"no answer from the emulator: {error}".encode()

    def stop(self):
        stop_group(self.process)


def is_error_object(body):
    try:
        answer = json.loads(body)
    except ValueError:
        return False
    return isinstance(answer, dict) and "errorType" in answer and "errorMessage" in answer


def outcome(status, body):
    """What the emulator's answer means: "ok", "failed" (the function failed: it threw, in the handler or while
    initialising, or timed out) or "broken" (the runtime or the emulator failed: no function answer at all)."""
    if status == 200:
        return "failed" if body.startswith(b"Task timed out after") or is_error_object(body) else "ok"
    # An exception while initialising (the handler's constructor, static initialisers) comes back as a 502 that
    # carries the function's error; Lambda answers it as a function error too.
    return "failed" if status == 502 and is_error_object(body) else "broken"


def base_environment(function, properties, region, scratch):
    """What Lambda's environment holds besides the template's variables."""
    no_file = str(pathlib.Path(scratch) / "none")
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "en_US.UTF-8",
        "TZ": ":UTC",
        "AWS_EXECUTION_ENV": "AWS_Lambda_java21",
        "AWS_LAMBDA_FUNCTION_NAME": function,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(int(properties.get("MemorySize", 128))),
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{function}",
        "AWS_LAMBDA_LOG_STREAM_NAME": "local",
        "AWS_REGION": region,
        "AWS_DEFAULT_REGION": region,
        # Test credentials, never real ones; no profile files and no instance metadata, so that nothing but the
        # endpoints below is ever asked for anything.
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_CONFIG_FILE": no_file,
        "AWS_SHARED_CREDENTIALS_FILE": no_file,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    logging_config = properties.get("LoggingConfig") or {}
    if logging_config.get("LogFormat"):
        env["AWS_LAMBDA_LOG_FORMAT"] = logging_config["LogFormat"]
        if logging_config["LogFormat"] == "JSON" and logging_config.get("ApplicationLogLevel"):
            env["AWS_LAMBDA_LOG_LEVEL"] = logging_config["ApplicationLogLevel"]
    return env


