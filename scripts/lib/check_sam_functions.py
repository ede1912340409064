"""Checks that every function of infrastructure/template.yaml can be built by `sam build` and is invoked by the events
check, before anything is built (scripts/test runs it):
  - each AWS::Serverless::Function has Metadata BuildMethod: makefile and a CodeUri folder whose Makefile is a copy
    of scripts/lib/function.mk;
  - each file of events/ has an entry in scripts/lib/check_invoke_events.py's EVENTS, each entry names a file of
    events/ and a function of the template, and each function has at least one event.
Adding a function: copy scripts/lib/function.mk to its module's Makefile, add its Metadata, an event in events/ and
an entry with a check in check_invoke_events.py.

Usage: python3 scripts/lib/check_sam_functions.py [TEMPLATE]   (exits 1 and names each problem when one is found)
"""
import pathlib
import sys


LIB = pathlib.Path(__file__).resolve().parent
ROOT = LIB.parent.parent
sys.path.insert(0, str(LIB))

from check_invoke_events import EVENTS  # noqa: E402
from lambda_local.template import functions_of, read_template  # noqa: E402


def problems(template_path):
    template = read_template(template_path)
    recipe = (LIB / "function.mk").read_bytes()
    found = []
    functions = functions_of(template)
    for name, resource in functions.items():
        if (resource.get("Metadata") or {}).get("BuildMethod") != "makefile":
            found.append(f"{name}: no Metadata BuildMethod: makefile")
        code_uri = (resource.get("Properties") or {}).get("CodeUri")
        makefile = (template_path.parent / str(code_uri) / "Makefile").resolve()
        if not isinstance(code_uri, str) or not makefile.is_file():
            found.append(f"{name}: CodeUri {code_uri!r} is not a folder with a Makefile")
        elif makefile.read_bytes() != recipe:
            found.append(f"{name}: {makefile.relative_to(ROOT)} is not a copy of scripts/lib/function.mk")
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
        print(f"{len(functions_of(read_template(path)))} functions built by make, {len(EVENTS)} events checked")
    sys.exit(1 if found else 0)
