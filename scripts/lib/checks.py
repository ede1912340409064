"""The pass/fail tally of a check script (scripts/lib/check_page.py, scripts/lib/check_invoke_events.py): one line per
check, "ok   NAME" or "FAIL NAME: DETAIL", and a closing "N passed, N failed"."""


class CheckTally:
    """Counts the checks that held and those that did not, printing each as it is made."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, condition, detail=""):
        """Counts and prints one check; returns the condition, so a caller may stop on a failed one."""
        if condition:
            self.passed += 1
            print(f"ok   {name}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {name}: {str(detail)[:1500]}", flush=True)
        return condition

    def summary(self):
        """Prints "N passed, N failed" and returns the exit status: 0 when no check failed, else 1."""
        print(f"{self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 else 1
