"""Checks that every function of infrastructure/template.yaml is packaged by `mvn package` and is invoked by the events
check, before anything is built (scripts/test runs it):
  - each AWS::Serverless::Function has Metadata SkipBuild: true and a CodeUri that is its Maven module's shaded jar,
    functions/<module>/target/<module>-<version>-lambda.jar, with the version of the root pom.xml;
  - each file of events/ has an entry in scripts/lib/check_invoke_events.py's EVENTS, each entry names a file of
    events/ and a function of the template, and each function has at least one event.
Adding a function: point its CodeUri at its module's shaded jar, add its Metadata, an event in events/ and an entry
with a check in check_invoke_events.py.

Usage: python3 scripts/lib/check_sam_functions.py [TEMPLATE]   (exits 1 and names each problem when one is found)
"""
import pathlib
import sys
import xml.etree.ElementTree


LIB = pathlib.Path(__file__).resolve().parent
ROOT = LIB.parent.parent
sys.path.insert(0, str(LIB))

from check_invoke_events import EVENTS  # noqa: E402
from lambda_local.template import functions_of, read_template  # noqa: E402


def project_version():
    """The version of the root pom.xml, which every module inherits and names its jars with."""
    pom = xml.etree.ElementTree.parse(ROOT / "pom.xml").getroot()
    return pom.find("{http://maven.apache.org/POM/4.0.0}version").text


def shaded_jar_problem(template_path, code_uri, version):
    """Why CodeUri is not a module's shaded jar, functions/<module>/target/<module>-<version>-lambda.jar; or None."""
    if not isinstance(code_uri, str):
        return f"CodeUri {code_uri!r} is not a path"
    jar = (template_path.parent / code_uri).resolve()
    module = jar.parent.parent
    if jar.parent.name != "target" or module.parent != ROOT / "functions" or not (module / "pom.xml").is_file():
        return f"CodeUri {code_uri} is not in the target/ folder of a module of functions/"
    expected = f"{module.name}-{version}-lambda.jar"
    if jar.name != expected:
        return f"CodeUri {code_uri} is not {module.name}'s shaded jar {expected}"
    return None


def problems(template_path):
    template = read_template(template_path)
    version = project_version()
    found = []
    functions = functions_of(template)
    for name, resource in functions.items():
        if (resource.get("Metadata") or {}).get("SkipBuild") is not True:
            found.append(f"{name}: no Metadata SkipBuild: true (its CodeUri is the jar mvn package built)")
        problem = shaded_jar_problem(template_path, (resource.get("Properties") or {}).get("CodeUri"), version)
        if problem:
            found.append(f"{name}: {problem}")
        if name not in EVENTS.values():
            found.append(f"{name}: no event of events/ invokes it (check_invoke_events.py, EVENTS)")
    stems = {path.stem for path in (ROOT / "events").glob("*.json")}
    found += [f"events/{stem}.json: no entry in check_invoke_events.py's EVENTS" for stem in sorted(stems - set(EVENTS))]
    found += [f"EVENTS[{event!r}]: events/{event}.json does not exist" for event in sorted(set(EVENTS) - stems)]
    found += [f"EVENTS[{event!r}]: {function} is not a function of the template"
              for event, function in EVENTS.items() if function not in functions]
    return found


if __name__ == "__main__":
    path = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "infrastructure" / "template.yaml").resolve()
    found = problems(path)
    for problem in found:
        print(f"check-sam-functions: {problem}", file=sys.stderr)
    if not found:
        print(f"{len(functions_of(read_template(path)))} functions packaged as their modules' jars, {len(EVENTS)} events checked")
    sys.exit(1 if found else 0)
