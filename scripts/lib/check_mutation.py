"""The mutation gate: reads PIT's mutations.xml of every gated module and fails under a threshold.

For each gated module and each gated package (a package counts with its subpackages: `policy` holds `policy.rules`)
it prints the score, killed / (total - listed equivalents), where "killed" is every mutant PIT marks detected
(KILLED, TIMED_OUT, MEMORY_ERROR, RUN_ERROR). It fails (exit 1) when
  - a module or package scores under its threshold (THRESHOLDS below),
  - a mutant PIT marks NO_COVERAGE (no test runs its line) is not listed as equivalent: it is printed, and it must
    be covered by a test or listed with its reason,
  - an entry of mutation/equivalent-mutants.tsv matches no mutant, or matches one that a test now kills (KILLED; a
    listed mutant that timed out or crashed its JVM stays listed, as a busy machine can cause that) (so the list
    cannot rot: delete the entry, or fix its line number when the code moved),
  - a gated module has no report (PIT was not run, or was skipped).
Every surviving mutant that is not listed is printed too, so that a failing run says where to look.

Usage: python3 scripts/lib/check_mutation.py [ROOT]. Before checking the reports it checks itself on a small made-up
report with one mutant of each kind it must count, so a checker that passes everything fails too.
docs/testing.md, "Mutation testing", says how to read a report and how to add an equivalent mutant.
"""
import csv
import os
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

# (module directory, package under health.registration or "" for the whole module, minimum score in percent)
THRESHOLDS = [
    ("functions/core", "", 95.0),
    ("functions/core", "core.probe", 97.0),
    ("functions/core", "core.policy", 97.0),
    ("functions/core", "core.udap", 97.0),
    ("functions/core", "core.certificate", 97.0),
    ("functions/adapters/http", "", 92.0),
]
EQUIVALENTS = "mutation/equivalent-mutants.tsv"
EQUIVALENT_COLUMNS = ["module", "class", "method", "line", "mutator", "description", "reason"]
REPORT = "target/pit-reports/mutations.xml"
BASE_PACKAGE = "health.registration."


class Mutant:
    def __init__(self, module, element):
        def text(tag):
            found = element.find(tag)
            return found.text if found is not None and found.text is not None else ""
        self.module = module
        self.status = element.get("status")
        self.detected = element.get("detected") == "true"
        self.mutated_class = text("mutatedClass")
        self.method = text("mutatedMethod")
        self.line = text("lineNumber")
        self.mutator = text("mutator").rsplit(".", 1)[-1]
        self.description = text("description")
        self.source_file = text("sourceFile")

    def package(self):
        outer = self.mutated_class.split("$", 1)[0]
        return outer.rsplit(".", 1)[0] if "." in outer else ""

    def key(self):
        return (self.module, self.mutated_class, self.method, self.line, self.mutator, self.description)

    def __str__(self):
        return (f"{self.status:<11} {self.mutated_class}.{self.method} line {self.line} "
                f"{self.mutator}: {self.description}")


def read_mutants(root, module):
    path = os.path.join(root, module, REPORT)
    if not os.path.isfile(path):
        return None
    return [Mutant(module, element) for element in ElementTree.parse(path).getroot().iter("mutation")]


def read_equivalents(root):
    path = os.path.join(root, EQUIVALENTS)
    entries = []
    if not os.path.isfile(path):
        return entries, []
    problems = []
    with open(path, newline="", encoding="utf-8") as listed:
        rows = [row for row in csv.reader(listed, delimiter="\t") if row and not row[0].startswith("#")]
    if not rows or rows[0] != EQUIVALENT_COLUMNS:
        return [], [f"{EQUIVALENTS}: the first row must be the header {' '.join(EQUIVALENT_COLUMNS)}"]
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(EQUIVALENT_COLUMNS) or not row[-1].strip():
            problems.append(f"{EQUIVALENTS}: row {number} needs {len(EQUIVALENT_COLUMNS)} tab-separated columns "
                            f"and a reason: {row}")
            continue
        entries.append(dict(zip(EQUIVALENT_COLUMNS, row)))
    return entries, problems


def in_package(mutant, package):
    if not package:
        return True
    full = BASE_PACKAGE + package
    return mutant.package() == full or mutant.package().startswith(full + ".")


def check(root, out=sys.stdout):
    """Prints the scores and problems; returns True when every threshold holds and nothing is left unexplained."""
    problems = []
    entries, entry_problems = read_equivalents(root)
    problems += entry_problems
    modules = sorted({module for module, _, _ in THRESHOLDS})
    mutants = {}
    for module in modules:
        found = read_mutants(root, module)
        if found is None:
            problems.append(f"{module}: no {REPORT} (run scripts/mutation)")
            continue
        mutants[module] = found

    equivalent = set()
    for entry in entries:
        key = tuple(entry[column] for column in EQUIVALENT_COLUMNS[:-1])
        matched = [m for m in mutants.get(entry["module"], []) if m.key() == key]
        if entry["module"] not in mutants:
            continue
        if not matched:
            problems.append(f"{EQUIVALENTS}: no mutant matches {' '.join(key)} (the code moved or changed: "
                            f"fix or delete the entry)")
        for mutant in matched:
            if mutant.status == "KILLED":
                problems.append(f"{EQUIVALENTS}: a test now kills {mutant} (delete the entry)")
            else:
                # TIMED_OUT, MEMORY_ERROR and RUN_ERROR are the test JVM's fate, not a test's verdict: a busy machine
                # can time out a mutant no test can tell apart, so a listed one stays listed.
                equivalent.add(id(mutant))

    for module, package, minimum in THRESHOLDS:
        if module not in mutants:
            continue
        counted = [m for m in mutants[module] if in_package(m, package) and id(m) not in equivalent]
        listed = sum(1 for m in mutants[module] if in_package(m, package) and id(m) in equivalent)
        killed = sum(1 for m in counted if m.detected)
        score = 100.0 * killed / len(counted) if counted else 100.0
        name = f"{module} {package}" if package else module
        verdict = "ok" if score >= minimum else "UNDER THRESHOLD"
        print(f"{name:<42} {score:6.2f}% (killed {killed} of {len(counted)}, {listed} listed equivalent; "
              f"minimum {minimum:.0f}%) {verdict}", file=out)
        if not counted:
            problems.append(f"{name}: no mutants at all (is the package name right?)")
        if score < minimum:
            problems.append(f"{name}: {score:.2f}% is under {minimum:.0f}%")

    for module in modules:
        unexplained = [m for m in mutants.get(module, []) if not m.detected and id(m) not in equivalent]
        uncovered = [m for m in unexplained if m.status == "NO_COVERAGE"]
        for mutant in unexplained:
            print(f"  {module}: {mutant}", file=out)
        if uncovered:
            problems.append(f"{module}: {len(uncovered)} mutants no test runs (NO_COVERAGE above): cover them or "
                            f"list them in {EQUIVALENTS} with a reason")
    for problem in problems:
        print(f"mutation gate: {problem}", file=out)
    return not problems


SELF_TEST_REPORT = """<?xml version="1.0" encoding="UTF-8"?><mutations>
<mutation detected='true' status='KILLED'><sourceFile>A.java</sourceFile>
 <mutatedClass>health.registration.core.policy.A</mutatedClass><mutatedMethod>m</mutatedMethod>
 <lineNumber>1</lineNumber><mutator>x.NegateConditionalsMutator</mutator><description>negated conditional</description></mutation>
<mutation detected='true' status='TIMED_OUT'><sourceFile>A.java</sourceFile>
 <mutatedClass>health.registration.core.policy.rules.B</mutatedClass><mutatedMethod>m</mutatedMethod>
 <lineNumber>2</lineNumber><mutator>x.MathMutator</mutator><description>Replaced integer addition</description></mutation>
<mutation detected='false' status='SURVIVED'><sourceFile>A.java</sourceFile>
 <mutatedClass>health.registration.core.policy.A</mutatedClass><mutatedMethod>m</mutatedMethod>
 <lineNumber>3</lineNumber><mutator>x.MathMutator</mutator><description>Replaced integer subtraction</description></mutation>
<mutation detected='false' status='NO_COVERAGE'><sourceFile>C.java</sourceFile>
 <mutatedClass>health.registration.core.udap.C</mutatedClass><mutatedMethod>n</mutatedMethod>
 <lineNumber>4</lineNumber><mutator>x.VoidMethodCallMutator</mutator><description>removed call</description></mutation>
</mutations>
"""
SELF_TEST_HEADER = "\t".join(EQUIVALENT_COLUMNS) + "\n"
SELF_TEST_SURVIVOR = "functions/core\thealth.registration.core.policy.A\tm\t3\tMathMutator\tReplaced integer subtraction\tequal\n"
SELF_TEST_UNCOVERED = "functions/core\thealth.registration.core.udap.C\tn\t4\tVoidMethodCallMutator\tremoved call\tunused\n"
SELF_TEST_KILLED = "functions/core\thealth.registration.core.policy.A\tm\t1\tNegateConditionalsMutator\tnegated conditional\tx\n"
SELF_TEST_TIMED_OUT = "functions/core\thealth.registration.core.policy.rules.B\tm\t2\tMathMutator\tReplaced integer addition\tslow\n"
SELF_TEST_MISSING = "functions/core\thealth.registration.core.policy.A\tm\t99\tMathMutator\tReplaced integer subtraction\tx\n"


def self_test():
    """The checker must pass a clean made-up report and refuse each kind of problem it claims to find."""
    global THRESHOLDS
    saved = THRESHOLDS
    THRESHOLDS = [("functions/core", "", 95.0), ("functions/core", "core.policy", 97.0)]
    try:
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, "functions/core/target/pit-reports"))
            os.makedirs(os.path.join(root, "mutation"))
            with open(os.path.join(root, "functions/core", REPORT), "w") as report:
                report.write(SELF_TEST_REPORT)

            def run(listed):
                with open(os.path.join(root, EQUIVALENTS), "w") as equivalents:
                    equivalents.write(listed)
                with open(os.devnull, "w") as quiet:
                    return check(root, out=quiet)
            cases = [
                (SELF_TEST_HEADER + SELF_TEST_SURVIVOR + SELF_TEST_UNCOVERED, True, "both listed: 2 of 2 killed"),
                (SELF_TEST_HEADER + SELF_TEST_UNCOVERED, False, "a survivor unlisted: policy 2 of 3"),
                (SELF_TEST_HEADER + SELF_TEST_SURVIVOR, False, "a NO_COVERAGE mutant unlisted"),
                (SELF_TEST_HEADER + SELF_TEST_SURVIVOR + SELF_TEST_UNCOVERED + SELF_TEST_KILLED, False,
                 "an entry a test kills"),
                (SELF_TEST_HEADER + SELF_TEST_SURVIVOR + SELF_TEST_UNCOVERED + SELF_TEST_MISSING, False,
                 "an entry matching nothing"),
                (SELF_TEST_HEADER + SELF_TEST_SURVIVOR + SELF_TEST_UNCOVERED + SELF_TEST_TIMED_OUT, True,
                 "a listed entry that timed out stays listed"),
                (SELF_TEST_SURVIVOR + SELF_TEST_UNCOVERED, False, "no header"),
                (SELF_TEST_HEADER + SELF_TEST_SURVIVOR.replace("\tequal\n", "\t\n") + SELF_TEST_UNCOVERED, False,
                 "an entry without a reason"),
            ]
            for listed, expected, what in cases:
                if run(listed) != expected:
                    raise SystemExit(f"check_mutation.py self-test failed: {what}: expected "
                                     f"{'pass' if expected else 'fail'}")
            os.remove(os.path.join(root, "functions/core", REPORT))
            if run(SELF_TEST_HEADER):
                raise SystemExit("check_mutation.py self-test failed: a missing report passed")
    finally:
        THRESHOLDS = saved


def main():
    """check_mutation.py [ROOT] [--modules MODULE,...]: with --modules, only those modules' thresholds are gated
    (the others' reports are not read, and their equivalents are not matched)."""
    global THRESHOLDS
    arguments = sys.argv[1:]
    only = None
    if "--modules" in arguments:
        at = arguments.index("--modules")
        only = set(arguments[at + 1].split(","))
        del arguments[at:at + 2]
    root = os.path.abspath(arguments[0] if arguments else os.path.join(os.path.dirname(__file__), "../.."))
    self_test()
    if only is not None:
        unknown = only - {module for module, _, _ in THRESHOLDS}
        if unknown:
            raise SystemExit(f"check_mutation.py: not a gated module: {', '.join(sorted(unknown))}")
        THRESHOLDS = [threshold for threshold in THRESHOLDS if threshold[0] in only]
    return 0 if check(root) else 1


if __name__ == "__main__":
    sys.exit(main())
