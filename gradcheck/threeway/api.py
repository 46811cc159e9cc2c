"""verify(): the three-way check of one module, as a VerifyReport."""

from __future__ import annotations

import numpy as np

from gradcheck.reading import CRITERIA
from gradcheck.reading.calls import StudentError
from gradcheck.threeway.check import check
from gradcheck.threeway.result import ModuleVerification, VerifyReport
from gradcheck.threeway.subject import resolve
from gradcheck.threeway.tolerances import dtype_of

BATCH = 3


def verify(module_or_name, *, seed: int = 0, dtype: str = "float64", batch: int = BATCH,
           size: int | None = None, reference: str | None = None, args=(),
           step: float | None = None, x: np.ndarray | None = None, t=None,
           worst: int = 5, hints=None) -> VerifyReport:
    """Check a module's bprop against its symbolic Jacobian and finite differences.

    module_or_name: a built-in name ("SoftMax"), a module instance or class, or
    "path/to/file.py:ClassName". reference: the built-in whose derivation is the symbolic
    reference (default: the built-in itself, or the built-in an instance derives from);
    without one, bprop is checked against finite differences only. args: constructor arguments
    for a class. step: the relative finite-difference step (default cbrt(eps)). x, t: the input
    batch (and a criterion's target) instead of seeded random ones. hints: a
    gradcheck.reading.Hints overriding what the reading layer detects in a student's class.
    """
    dt = dtype_of(dtype)
    try:
        subject = resolve(module_or_name, reference=reference, args=args, size=size, seed=seed,
                          dtype=dt, hints=hints)
    except StudentError as e:  # their code failed while being read: a finding, not bad input
        return VerifyReport((unread(module_or_name, reference, dt, seed, batch, e),))
    return VerifyReport((check(subject, seed=seed, dtype=dt, batch=batch, step=step, x=x, t=t,
                               worst=worst),))


def unread(what, reference, dtype, seed: int, batch: int, e: StudentError):
    """The verification of a module whose code failed while gradcheck read it."""
    label = what if isinstance(what, str) else type(what).__name__
    kind = "criterion" if reference in CRITERIA else "module"
    return ModuleVerification(label, reference, kind, "", str(dtype), seed, batch, (0, 0),
                              error=e.line, traceback=e.tb)


def verify_many(names, **options) -> VerifyReport:
    """One report for several modules, in order."""
    return VerifyReport(tuple(r for name in names for r in verify(name, **options).results))
