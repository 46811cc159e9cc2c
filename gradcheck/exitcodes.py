"""The exit codes of `gradcheck`, one meaning each (shown by `gradcheck --help`)."""

from enum import IntEnum


class Exit(IntEnum):
    """What a run's exit code says."""

    PASS = 0  # every check passed, or the command did its job
    FAIL = 1  # a check failed: a wrong bprop, an unproved identity, a failed pre-check
    USAGE = 2  # usage or input error: an option, a file, a module, a checkpoint
    INTERNAL = 3  # an unexpected exception inside gradcheck itself
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
    BROKEN_PIPE = 141  # stdout's reader went away, as `| head` does (128 + SIGPIPE)


MEANINGS = {
    Exit.PASS: "every check passed (or the command did its job)",
    Exit.FAIL: "a check failed (a wrong bprop, an unproved identity, a failed pre-check)",
    Exit.USAGE: "usage or input error (an option, a file, a module, a checkpoint): one line",
    Exit.INTERNAL: "internal error in gradcheck itself: one line; --debug shows the traceback",
    Exit.INTERRUPTED: "interrupted (Ctrl-C); train saves the last whole epoch first",
    Exit.BROKEN_PIPE: "stdout closed early (e.g. `| head`): stopped quietly",
}


def epilog() -> str:
    """The exit codes as the help's epilog."""
    return "exit codes:\n" + "\n".join(f"  {int(c):<4} {m}" for c, m in MEANINGS.items())
