"""What scripts/invoke needs before it runs a function: the Lambda tools (scripts/install-tools), the functions' jars
(mvn package) and their deployment packages (sam build), each made only when missing or older than its sources."""
import os
import subprocess
import sys

from lambda_local import InvokeError, note
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


def modules(template):
    """Function logical id -> its Maven module folder, from the source template's CodeUri."""
    result = {}
    for name, resource in functions_of(template).items():
        code_uri = resource.get("Properties", {}).get("CodeUri")
        if isinstance(code_uri, str):
            result[name] = (SOURCE_TEMPLATE.parent / code_uri).resolve()
    return result


def shaded_jar(module):
    jars = sorted(module.glob("target/*-lambda.jar"))
    return jars[0] if len(jars) == 1 else None


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
    """Builds the jars (mvn package) and the deployment packages (sam build) when missing or stale."""
    built_template = build_dir / "template.yaml"
    if not allow_build:
        if not built_template.is_file():
            raise InvokeError(f"{built_template} not found: build with `mvn package -DskipTests && sam build` "
                              "(or run scripts/invoke without --no-build)")
        return
    by_function = modules(read_template(SOURCE_TEMPLATE))
    jars = {name: shaded_jar(module) for name, module in by_function.items()}
    if None in jars.values() or min(jar.stat().st_mtime for jar in jars.values()) < newest_source_time():
        jars = build_jars(by_function)
    if not built_template.is_file() or built_template.stat().st_mtime < SOURCE_TEMPLATE.stat().st_mtime or any(
            package_time(build_dir / name) < jar.stat().st_mtime for name, jar in jars.items()):
        note("building the deployment packages (sam build)")
        run_to_stderr([str(SAM), "build", "--template", str(SOURCE_TEMPLATE), "--build-dir", str(build_dir)],
                      "sam build failed", dict(os.environ, SAM_CLI_TELEMETRY="0"))


def build_jars(by_function):
    """mvn package of the function modules; their shaded jars, by function."""
    note("building the functions' jars (mvn package -DskipTests)")
    # Two functions may share a module (ProbeFunction and PublicProbeFunction): each is built once.
    module_list = ",".join(dict.fromkeys(str(module.relative_to(REPO)) for module in by_function.values()))
    run_to_stderr(["mvn", "-q", "-B", "-Dstyle.color=never", "-DskipTests", "package", "-pl", module_list, "-am"],
                  "mvn package failed")
    jars = {name: shaded_jar(module) for name, module in by_function.items()}
    missing = [str(by_function[name].relative_to(REPO)) for name, jar in jars.items() if jar is None]
    if missing:
        raise InvokeError(f"mvn package made no target/*-lambda.jar in {', '.join(missing)}")
    for jar in jars.values():
        os.utime(jar)  # Maven leaves an up-to-date jar untouched: it is as new as the sources now
    return jars


def package_time(package):
    """When the deployment package's jar was made; 0 when there is none."""
    jars = list((package / "lib").glob("*.jar"))
    return jars[0].stat().st_mtime if jars else 0
