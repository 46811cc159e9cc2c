"""Calling a student's code: a time limit, its prints captured, its exceptions named."""

from __future__ import annotations

import io
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.timelimit import Timeout, arm, disarm

TIME_LIMIT = 10.0  # seconds per call of the student's code
HERE = Path(__file__).resolve().parents[1]  # the gradcheck package
OURS = {HERE / "reading", HERE / "threeway", HERE / "checker"}  # callers, never the culprit


class StudentError(Exception):
    """The student's code raised, hung or returned something unusable: a finding, not bad input.

    .call is the method ("bprop"), .line the one-line report, .tb the student's traceback.
    """

    def __init__(self, call: str, line: str, tb: str = "") -> None:
        super().__init__(line)
        self.call, self.line, self.tb = call, line, tb


@dataclass
class Sandbox:
    """Runs student calls under a time limit with stdout captured; says what it assumed."""

    limit: float | None = TIME_LIMIT
    label: str = ""  # the student's class, e.g. "MySoftMax"
    convention: str = ""
    output: list[str] = field(default_factory=list)

    def call(self, what: str, fn, *args, **kwargs):
        """fn(*args, **kwargs); a StudentError naming `what`, the shapes and the convention.

        Written without context managers: a training epoch makes a thousand of these calls."""
        buf, stdout = io.StringIO(), sys.stdout
        old = arm(self.limit)
        sys.stdout = buf
        try:
            return fn(*args, **kwargs)
        except Timeout:
            call = f"{self.label}.{what}" if self.label else what
            raise StudentError(
                what,
                f"{call} did not return within {self.limit:g} s "
                f"(called with {shapes(args)}; time limit: "
                "--time-limit SECONDS)",
            ) from None
        except GradcheckError:
            raise
        except (Exception, SystemExit) as e:  # noqa: BLE001 - the student's code failed
            call = f"{self.label}.{what}" if self.label else what
            tb = "".join(traceback.format_exception(type(e), e, e.__traceback__))
            read = f"; read as {self.convention}" if self.convention else ""
            raise StudentError(
                what, f"{call} raised {crash_line(e)} (called with {shapes(args)}{read})", tb
            ) from None
        finally:
            sys.stdout = stdout
            disarm(old)
            if buf.tell():
                self.output.append(buf.getvalue())


def shapes(args) -> str:
    """'grad_y (3, 4), lr 1.0': arrays by shape, numbers by value."""
    parts = [str(tuple(a.shape)) if isinstance(a, np.ndarray) else repr(a) for a in args]
    return ", ".join(parts) or "no arguments"


def crash_line(e: BaseException) -> str:
    """'ValueError at file.py:12 in bprop: message', one line: the deepest frame of the
    module's own code (not numpy's, not the frames of gradcheck that call and check it)."""
    frames = [
        f
        for f in traceback.extract_tb(e.__traceback__)
        if "numpy" not in Path(f.filename).parts
        and not OURS & set(Path(f.filename).resolve().parents)
    ]
    f = frames[-1] if frames else None
    where = f" at {Path(f.filename).name}:{f.lineno} in {f.name}" if f else ""
    msg = " ".join(str(e).split())
    return f"{type(e).__name__}{where}: {msg}" if msg else f"{type(e).__name__}{where}"
