"""What scripts/invoke needs before it runs a function: the Lambda tools (scripts/install-tools), the functions' jars
(mvn package: the deployment packages the template's CodeUris name) and the built template (sam build), each made
only when missing or older than its sources."""
import os
import subprocess
import sys

from lambda_local import InvokeError, note
from lambda_local.package import code_uri
from lambda_local.runtime import REPO, RIC_DIR, RIE
from lambda_local.template import functions_of, read_template

SOURCE_TEMPLATE = REPO / "infrastructure" / "template.yaml"
SAM = REPO / ".tools" / "sam" / "bin" / "sam"


def ensure_tools():
    ric = list((RIC_DIR / "ric").glob("aws-lambda-java-runtime-interface-client-*.jar"))
    if not (RIE.is_file() and SAM.is_file() and ric and any((RIC_DIR / "jni").glob("*.so"))):
        note("installing the Lambda tools (scripts/install-tools)")
        run_to_stderr([str(REPO / "scripts" / "install-tools")], "scripts/install-tools failed")


def run_to_stderr(command, failure, env=None):
    """Runs a build step with its output on stderr (stdout is the function's answer alone)."""
    try:
        status = subprocess.run(command, cwd=REPO, stdout=sys.stderr, stderr=sys.stderr, env=env).returncode
    except OSError as error:
        raise InvokeError(f"{failure}: {error}")
    if status != 0:
        raise InvokeError(f"{failure} (exit status {status})")


def jars(template):
    """Function logical id -> the shaded jar its CodeUri names (functions/<module>/target/*-lambda.jar)."""
    return {name: code_uri(resource.get("Properties", {}), SOURCE_TEMPLATE.parent)
            for name, resource in functions_of(template).items()}


def module_of(jar):
    return jar.parent.parent


def newest_source_time():
    """The newest modification time of what the jars are built from: the poms and every src/main/ of functions/."""
    newest = (REPO / "pom.xml").stat().st_mtime
    for directory, subdirectories, files in os.walk(REPO / "functions"):
        subdirectories[:] = [d for d in subdirectories if d not in ("target", "test")]
        for file in files:
            path = os.path.join(directory, file)
            if file == "pom.xml" or f"{os.sep}src{os.sep}main{os.sep}" in path:
                try:
                    newest = max(newest, os.stat(path).st_mtime)
                except OSError:
                    pass
    return newest


def ensure_built(build_dir, allow_build):
    """Builds the jars (mvn package: the deployment packages) and the built template (sam build) when missing or
    stale."""
    built_template = build_dir / "template.yaml"
    if not allow_build:
        if not built_template.is_file():
            raise InvokeError(f"{built_template} not found: build with `mvn package -DskipTests && sam build` "
                              "(or run scripts/invoke without --no-build)")
        return
    by_function = jars(read_template(SOURCE_TEMPLATE))
    if any(not jar.is_file() for jar in by_function.values()) or \
            min(jar.stat().st_mtime for jar in by_function.values()) < newest_source_time():
        build_jars(by_function)
    if not built_template.is_file() or built_template.stat().st_mtime < SOURCE_TEMPLATE.stat().st_mtime:
        note("writing the built template (sam build)")
        run_to_stderr([str(SAM), "build", "--template", str(SOURCE_TEMPLATE), "--build-dir", str(build_dir)],
                      "sam build failed", dict(os.environ, SAM_CLI_TELEMETRY="0"))


def build_jars(by_function):
    """mvn package of the function modules, which makes the jars the template's CodeUris name."""
    note("building the functions' jars (mvn package -DskipTests)")
    # Two functions may share a module (ProbeFunction and PublicProbeFunction): each is built once.
    module_list = ",".join(dict.fromkeys(str(module_of(jar).relative_to(REPO)) for jar in by_function.values()))
    run_to_stderr(["mvn", "-q", "-B", "-Dstyle.color=never", "-DskipTests", "package", "-pl", module_list, "-am"],
                  "mvn package failed")
    missing = sorted({str(jar.relative_to(REPO)) for jar in by_function.values() if not jar.is_file()})
    if missing:
        raise InvokeError(f"mvn package made no {', '.join(missing)}: does the template's CodeUri name the jar "
                          "of the module's version?")
    for jar in by_function.values():
        os.utime(jar)  # Maven leaves an up-to-date jar untouched: it is as new as the sources now
