"""verify(): the three-way check of one module, as a VerifyReport."""

from __future__ import annotations

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.reading import reference_kind
from gradcheck.reading.calls import StudentError
from gradcheck.threeway import budget
from gradcheck.threeway.check import check
from gradcheck.threeway.result import ModuleVerification, VerifyReport
from gradcheck.threeway.subject import resolve
from gradcheck.threeway.tolerances import dtype_of

BATCH = 3


def verify(
    module_or_name,
    *,
    seed: int = 0,
    dtype: str = "float64",
    batch: int = BATCH,
    size: int | None = None,
    reference: str | None = None,
    args=(),
    step: float | None = None,
    x: np.ndarray | None = None,
    t=None,
    worst: int = 5,
    hints=None,
    formula: str | None = None,
    memory_budget: float | None = None,
) -> VerifyReport:
    """Check a module's bprop against its symbolic Jacobian and finite differences.

    module_or_name: a built-in name ("SoftMax"), a module instance or class, or
    "path/to/file.py:ClassName". reference: the built-in whose derivation is the symbolic
    reference (default: the built-in itself, or the built-in an instance derives from);
    without one, bprop is checked against finite differences only. args: constructor arguments
    for a class. step: the relative finite-difference step (default cbrt(eps)). x, t: the input
    batch (and a criterion's target) instead of seeded random ones. hints: a
    gradcheck.reading.Hints overriding what the reading layer detects in a student's class.
    formula: a SymPy expression as the reference instead of a built-in, elementwise in x
    ("1/(1+exp(-x))") or row-wise in x[i], x[j], N ("x[i]/sqrt(Sum(x[j]**2, (j, 0, N-1)))").
    memory_budget: MB the Jacobians may take (default 1024); a check that cannot fit is
    refused before allocating.
    """
    dt = dtype_of(dtype)
    if formula is not None:
        reference = _formula_reference(formula, reference)
    with budget.limit(memory_budget):
        try:
            subject = resolve(
                module_or_name,
                reference=reference,
                args=args,
                size=size,
                seed=seed,
                dtype=dt,
                hints=hints,
            )
        except StudentError as e:  # their code failed while being read: a finding, not bad input
            return VerifyReport((unread(module_or_name, reference, dt, seed, batch, e),))
        found = check(subject, seed=seed, dtype=dt, batch=batch, step=step, x=x, t=t, worst=worst)
    return VerifyReport((found,))


def _formula_reference(formula: str, reference: str | None) -> str:
    """ "formula: EXPR" once the formula reads (else a GradcheckError line); not with --as."""
    from gradcheck.derivations.formula import reference as formula_reference

    if reference is not None:
        raise GradcheckError(
            f"give a reference built-in (--as) or a formula, not both: got "
            f"{reference!r} and {formula!r}"
        )
    return formula_reference(formula)


def unread(what, reference, dtype, seed: int, batch: int, e: StudentError):
    """The verification of a module whose code failed while gradcheck read it (its kind by
    its reference: it could not be read)."""
    label = what if isinstance(what, str) else type(what).__name__
    return ModuleVerification(
        label,
        reference,
        reference_kind(reference),
        "",
        str(dtype),
        seed,
        batch,
        (0, 0),
        error=e.line,
        traceback=e.tb,
    )


def verify_many(names, **options) -> VerifyReport:
    """One report for several modules, in order."""
    return VerifyReport(tuple(r for name in names for r in verify(name, **options).results))
