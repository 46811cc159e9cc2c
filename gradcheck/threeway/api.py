"""verify(): the three-way check of one module, as a VerifyReport."""

from __future__ import annotations

import numpy as np

from gradcheck.threeway import budget
from gradcheck.threeway.check import check
from gradcheck.threeway.result import VerifyReport
from gradcheck.threeway.subject import resolve
from gradcheck.threeway.tolerances import dtype_of

BATCH = 3


def verify(module_or_name, *, seed: int = 0, dtype: str = "float64", batch: int = BATCH,
           size: int | None = None, reference: str | None = None, args=(),
           step: float | None = None, x: np.ndarray | None = None, t=None,
           worst: int = 5, memory_budget: float | None = None) -> VerifyReport:
    """Check a module's bprop against its symbolic Jacobian and finite differences.

    module_or_name: a built-in name ("SoftMax"), a module instance or class, or
    "path/to/file.py:ClassName". reference: the built-in whose derivation is the symbolic
    reference (default: the built-in itself, or the built-in an instance derives from);
    without one, bprop is checked against finite differences only. args: constructor arguments
    for a class. step: the relative finite-difference step (default cbrt(eps)). x, t: the input
    batch (and a criterion's target) instead of seeded random ones. memory_budget: MB the
    Jacobians may take (default 1024); a check that cannot fit is refused before allocating.
    """
    dt = dtype_of(dtype)
    with budget.limit(memory_budget):
        return _verify(module_or_name, seed=seed, dtype=dt, batch=batch, size=size,
                       reference=reference, args=args, step=step, x=x, t=t, worst=worst)


def _verify(module_or_name, *, seed, dtype, batch, size, reference, args, step, x, t,
            worst) -> VerifyReport:
    dt = dtype
    subject = resolve(module_or_name, reference=reference, args=args, size=size, seed=seed,
                      dtype=dt)
    return VerifyReport((check(subject, seed=seed, dtype=dt, batch=batch, step=step, x=x, t=t,
                               worst=worst),))


def verify_many(names, **options) -> VerifyReport:
    """One report for several modules, in order."""
    return VerifyReport(tuple(r for name in names for r in verify(name, **options).results))
