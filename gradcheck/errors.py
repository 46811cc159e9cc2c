"""The exceptions users see: a clear one-line message, no traceback from the CLI."""


class GradcheckError(ValueError):
    """Bad input or bad use: the message names what was expected and what came."""

    exit_code = 2  # gradcheck.exitcodes.Exit.USAGE


class UsageError(GradcheckError):
    """A command line argparse refused: an unknown option, a value out of range."""


class CheckFailed(GradcheckError):
    """A check failed where the command cannot go on (a bprop wrong before training)."""

    exit_code = 1  # gradcheck.exitcodes.Exit.FAIL
