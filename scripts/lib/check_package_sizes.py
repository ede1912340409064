"""Checks the size of every function's deployment package, after `mvn package` (scripts/check-package-sizes; run by
scripts/test after the Maven build).

The packages are the shaded jars that the functions' CodeUris of infrastructure/template.yaml name
(functions/<module>/target/<module>-*-lambda.jar), one per module. Each has a target (benchmarks/README.md, "Package sizes"): 5 MB
for validate and page, 10 MB for every other function (1 MB = 1,000,000 bytes). A package whose size is still above its target has a ceiling in CEILING_MB,
today's size with a little room: the check fails when a package grows past its ceiling, or past its target when it
has no ceiling, so the sizes can only come down. A ceiling whose package has reached its target is reported, to be
removed.

A package must also not carry what its function does not use (MUST_NOT_CARRY: entry-name prefixes), so that what
was taken out cannot come back through a new import: the Lambda, EventBridge and Secrets Manager models anywhere
(LambdaInvoke, LambdaVersionRequests, EventBridgePutEvents and SecretsManagerRequests send the few calls the functions
make), any SDK service client's runtime and the SDK's per-service endpoint metadata (DynamoDbRequests and SqsRequests
send the DynamoDB and SQS calls), the SQS model outside reverify, Guava's Public Suffix List classes anywhere (core's PublicSuffixList reads the
list), BouncyCastle in validate and probe, Maven's poms and unused multi-release classes (docs/performance-packages.md).

Usage: python3 scripts/lib/check_package_sizes.py [TEMPLATE]
Prints one line per package and exits 1 when one is too big or missing.
"""
import pathlib
import sys
import zipfile

LIB = pathlib.Path(__file__).resolve().parent
ROOT = LIB.parent.parent
sys.path.insert(0, str(LIB))

from lambda_local.template import functions_of, read_template  # noqa: E402

MB = 1_000_000
TARGET_MB = {"validate": 5, "page": 5}
DEFAULT_TARGET_MB = 10
# Packages still above their target, with today's size and a little room; none since the functions' AWS calls are
# sent without the SDK's service clients (docs/performance-packages.md). A package that grows back above its target
# fails; one that must, for a reason, gets a ceiling here.
CEILING_MB = {}

# Entry-name prefixes a module's package may not carry (docs/performance-packages.md); "*" applies to every module.
LAMBDA_MODEL = "software/amazon/awssdk/services/lambda/"
SQS_MODEL = "software/amazon/awssdk/services/sqs/"
EVENTBRIDGE_MODEL = "software/amazon/awssdk/services/eventbridge/"
SECRETS_MANAGER_MODEL = "software/amazon/awssdk/services/secretsmanager/"
# An SDK service client's runtime (its request handler) and the endpoint metadata of every service, which only a
# service client reads; the functions' calls are signed and sent by adapters-aws instead (DynamoDbRequests, SqsRequests).
SDK_CLIENT_RUNTIME = "software/amazon/awssdk/awscore/client/handler/"
SDK_SERVICE_METADATA = "software/amazon/awssdk/regions/servicemetadata/"
# Guava's copy of the Public Suffix List, and the collections it builds it with: core's PublicSuffixList reads the list.
GUAVA_PUBLIC_SUFFIXES = "com/google/thirdparty/publicsuffix/"
# Reached only through Nimbus JOSE's optional PEM and X.509 conversions in the functions that exclude it.
BOUNCYCASTLE = "org/bouncycastle/"
MUST_NOT_CARRY = {
    "*": ["META-INF/maven/", "META-INF/versions/", EVENTBRIDGE_MODEL, LAMBDA_MODEL, SECRETS_MANAGER_MODEL,
          GUAVA_PUBLIC_SUFFIXES, SDK_CLIENT_RUNTIME, SDK_SERVICE_METADATA],
    "validate": ["software/amazon/awssdk/", "okhttp3/", "kotlin/", BOUNCYCASTLE],
    "page": ["software/amazon/awssdk/", "okhttp3/", "kotlin/"],
    "discovery": [SQS_MODEL],
    "probe": [SQS_MODEL, BOUNCYCASTLE],
    "register": [SQS_MODEL],
    "manage": [SQS_MODEL],
    "operator": [SQS_MODEL],
    "certificates": [SQS_MODEL],
    "cleanup": [SQS_MODEL],
    # The connector's queue reaches it through Lambda's event source mapping: no SQS client of its own.
    "connector": [SQS_MODEL],
}


def carried(module, package):
    """The prefixes of MUST_NOT_CARRY that some file of the package starts with (a package's package-info.class,
    which shading keeps for every library on the classpath, does not count)."""
    prefixes = MUST_NOT_CARRY.get("*", []) + MUST_NOT_CARRY.get(module, [])
    with zipfile.ZipFile(package) as jar:
        names = [name for name in jar.namelist() if not name.endswith(("/", "/package-info.class"))]
    return sorted({prefix for prefix in prefixes for name in names if name.startswith(prefix)})


def modules(template_path):
    """The deployment package of each module's functions (the CodeUri: functions/<module>/target/*-lambda.jar),
    each module once."""
    found = {}
    for resource in functions_of(read_template(template_path)).values():
        package = (template_path.parent / str((resource.get("Properties") or {}).get("CodeUri"))).resolve()
        found[package.parent.parent.name] = package
    return found


def check(template_path):
    problems = []
    for module, package in sorted(modules(template_path).items()):
        if not package.is_file():
            problems.append(f"{module}: no deployment package {package}: run mvn package first")
            continue
        for prefix in carried(module, package):
            problems.append(f"{module}: carries {prefix}, which its function does not use")
            print(f"FAIL {module}: carries {prefix}", flush=True)
        size = package.stat().st_size
        target = TARGET_MB.get(module, DEFAULT_TARGET_MB)
        ceiling = CEILING_MB.get(module)
        limit = ceiling if ceiling is not None else target
        line = f"{module}: {size / MB:.1f} MB (target {target} MB"
        line += f", ceiling {ceiling} MB)" if ceiling is not None else ")"
        if size > limit * MB:
            problems.append(f"{line}: too big")
            print(f"FAIL {line}", flush=True)
        elif ceiling is not None and size <= target * MB:
            print(f"ok   {line}: at its target, remove its ceiling from CEILING_MB", flush=True)
        else:
            print(f"ok   {line}", flush=True)
    return problems


def main():
    template = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "infrastructure" / "template.yaml"
    problems = check(template.resolve())
    for problem in problems:
        print(f"check-package-sizes: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
