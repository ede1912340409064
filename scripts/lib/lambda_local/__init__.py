"""The parts of scripts/invoke and of the cold-start benchmark (benchmarks/coldstart): a function of the SAM template
run through the AWS Lambda Runtime Interface Emulator and the AWS Java runtime interface client, on this machine
(docs/local-running.md)."""
import sys

# Exit statuses of scripts/invoke.
FUNCTION_FAILED, NOT_INVOKED, USAGE = 1, 2, 64


class InvokeError(Exception):
    """Something kept the function from being invoked; the message says what, the status is the exit status."""

    def __init__(self, message, status=NOT_INVOKED):
        super().__init__(message)
        self.status = status


def note(message):
    """A line on stderr: stdout carries the function's answer alone."""
    print(f"invoke: {message}", file=sys.stderr, flush=True)
