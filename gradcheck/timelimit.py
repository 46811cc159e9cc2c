"""A time limit by SIGALRM, for code that may run without bound: a student's call, a SymPy solve.

Only the main thread can take a signal; elsewhere there is no limit to set.
"""

from __future__ import annotations

import _signal
import contextlib
import signal
import threading


class Timeout(BaseException):
    """Raised inside the limited code by the alarm; BaseException so that an `except Exception`
    in that code (a student's, or SymPy's) cannot swallow it."""


def _ring(signum, frame):
    raise Timeout


def can_limit() -> bool:
    """Whether a limit can be set here: the main thread, on a system with setitimer."""
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


def arm(limit: float | None):
    """Start the alarm; what disarm needs to put things back (None: no alarm here)."""
    if not limit or not can_limit():
        return None
    old = _signal.signal(signal.SIGALRM, _ring)  # _signal: no enum round trip per call
    return old, signal.setitimer(signal.ITIMER_REAL, limit)[0]


def disarm(state) -> None:
    if state is None:
        return
    old, outer = state
    signal.setitimer(signal.ITIMER_REAL, 0)
    _signal.signal(signal.SIGALRM, old)
    if outer:  # an enclosing alarm keeps what was left of its time
        signal.setitimer(signal.ITIMER_REAL, outer)


@contextlib.contextmanager
def alarm(limit: float | None):
    """Timeout after `limit` seconds, in the main thread (elsewhere: no limit)."""
    state = arm(limit)
    try:
        yield
    finally:
        disarm(state)
