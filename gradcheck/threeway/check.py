"""One module verified three ways: per-entry Jacobians, batch gradients, stability, facts."""

from __future__ import annotations

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.reading import CRITERION, MODULE
from gradcheck.reading.calls import StudentError, crash_line
from gradcheck.threeway import criterion_check, module_check
from gradcheck.threeway.result import ModuleVerification
from gradcheck.threeway.subject import Subject

PATHS = {MODULE: module_check, CRITERION: criterion_check}  # one path per kind


def check(
    subject: Subject,
    *,
    seed: int = 0,
    dtype=np.float64,
    batch: int = 3,
    step: float | None = None,
    x: np.ndarray | None = None,
    t=None,
    worst: int = 5,
) -> ModuleVerification:
    """Everything about one module; an exception from its fprop or bprop is a finding."""
    path = PATHS[subject.kind]
    deriv = reference_derivation(subject)
    rng = np.random.default_rng(seed)
    dtype = np.dtype(dtype)
    x = _batch(path, subject, rng, batch, dtype) if x is None else _given(x, dtype)
    _in_domain(subject, x)
    head = {
        "module": subject.label,
        "reference": subject.reference,
        "kind": subject.kind,
        "formula": _formula(subject, deriv),
        "dtype": str(dtype),
        "seed": seed,
        "batch": len(x),
        "shape": path.shape(x),
        "size": deriv and deriv.size,
        "step": step,
    }
    head.update(read_info(subject.module))
    try:
        found = path.run(subject, x, t, rng, deriv, step, worst)
    except StudentError as e:
        return ModuleVerification(
            **head, error=e.line, traceback=e.tb, output=_output(subject.module)
        )
    except GradcheckError:
        raise
    except Exception as e:  # noqa: BLE001 - the module's own code failed: report it
        return ModuleVerification(**head, error=crash_line(e))
    return ModuleVerification(**{**head, **found, "output": _output(subject.module)})


def read_info(module) -> dict:
    """What the reading layer decided about a student's module (nothing for gradcheck's own)."""
    return {
        "reading": getattr(module, "reading", None) or None,
        "notes": tuple(getattr(module, "notes", ()) or ()),
    }


def _output(module) -> str:
    sandbox = getattr(module, "sandbox", None)
    return "".join(sandbox.output) if sandbox is not None else ""


def reference_derivation(subject: Subject):
    """The reference's Derivation, a built-in's or a formula's (SymPy is imported here, on
    first use), or None."""
    if subject.reference is None:
        return None
    from gradcheck.derivations.formula import derivation_of

    return derivation_of(subject.reference)


def _in_domain(subject: Subject, x: np.ndarray) -> None:
    """A formula reference must be finite at the input: else one GradcheckError line."""
    from gradcheck.derivations.formula import PREFIX, is_formula, require_finite

    if is_formula(subject.reference):
        require_finite(subject.reference[len(PREFIX) :], x)


def _batch(path, subject: Subject, rng, batch: int, dtype) -> np.ndarray:
    if int(batch) != batch or batch < 1:
        raise GradcheckError(f"batch must be a positive integer, got {batch!r}")
    return path.draw(subject, rng, batch, dtype)


def _given(x, dtype) -> np.ndarray:
    x = np.asarray(x)
    if x.ndim != 2 or x.dtype.kind != "f":
        raise GradcheckError(
            f"x must be a float batch of shape (B, N), got {x.dtype} of shape {x.shape}"
        )
    return x.astype(dtype, copy=True)


def _formula(subject: Subject, deriv) -> str:
    return deriv.formula if deriv is not None else getattr(subject.module, "formula", "") or ""
