"""One module verified three ways: per-entry Jacobians, batch gradients, stability, facts."""

from __future__ import annotations

import numpy as np

from gradcheck.checker.contract import cost_contract, row_contract
from gradcheck.errors import GradcheckError
from gradcheck.reading.calls import StudentError, crash_line
from gradcheck.threeway import inputs, mistakes
from gradcheck.threeway.gradients import gradient_triples
from gradcheck.threeway.jacobians import criterion_triple, module_triples
from gradcheck.threeway.result import ModuleVerification
from gradcheck.threeway.stability import stability
from gradcheck.threeway.structure import fact_names, facts
from gradcheck.threeway.subject import Subject
from gradcheck.threeway.three import three_way
from gradcheck.threeway.tolerances import tolerances_for


def check(subject: Subject, *, seed: int = 0, dtype=np.float64, batch: int = 3,
          step: float | None = None, x: np.ndarray | None = None, t=None,
          worst: int = 5) -> ModuleVerification:
    """Everything about one module; an exception from its fprop or bprop is a finding."""
    deriv = reference_derivation(subject)
    rng = np.random.default_rng(seed)
    dtype = np.dtype(dtype)
    x = _batch(subject, rng, batch, dtype) if x is None else _given(x, dtype)
    _in_domain(subject, x)
    m = 1 if subject.kind == "criterion" else None
    head = {"module": subject.label, "reference": subject.reference, "kind": subject.kind,
            "formula": _formula(subject, deriv), "dtype": str(dtype), "seed": seed,
            "batch": len(x), "shape": (x.shape[1], m or x.shape[1]),
            "size": deriv and deriv.size, "step": step}
    head.update(read_info(subject.module))
    try:
        if subject.kind == "criterion":
            found = _criterion(subject, x, t, rng, deriv, step, worst)
        else:
            found = _module(subject, x, rng, deriv, step, worst)
    except StudentError as e:
        return ModuleVerification(**head, error=e.line, traceback=e.tb,
                                  output=_output(subject.module))
    except GradcheckError:
        raise
    except Exception as e:  # noqa: BLE001 - the module's own code failed: report it
        return ModuleVerification(**head, error=crash_line(e))
    return ModuleVerification(**{**head, **found, "output": _output(subject.module)})


def read_info(module) -> dict:
    """What the reading layer decided about a student's module (nothing for gradcheck's own)."""
    return {"reading": getattr(module, "reading", None) or None,
            "notes": tuple(getattr(module, "notes", ()) or ())}


def _output(module) -> str:
    sandbox = getattr(module, "sandbox", None)
    return "".join(sandbox.output) if sandbox is not None else ""


def _module(subject, x, rng, deriv, step, worst) -> dict:
    module, tol = subject.module, tolerances_for(x.dtype)
    triples = module_triples(module, x, deriv, step)
    m = np.asarray(module.fprop(x[:1])).shape[1]
    g = inputs.incoming(rng, (len(x), m), x.dtype)
    jacobians = tuple(three_way(tr, tol, worst) for tr in triples)
    batch = gradient_triples(module, x, g, triples)
    gradients = tuple(three_way(tr, tol, worst) for tr in batch)
    named = []
    if not all(c.passed for c in jacobians + gradients):
        mixed = mistakes.mixes_samples(jacobians, gradients)
        if getattr(module, "unzeroed", False):
            mixed = ("the parameter gradients accumulate (+=) across backward calls and the "
                     "class has no method to zero them: each check sees the sum of all before")
        named = [mixed] if mixed else (mistakes.tensor_mistakes(batch, gradients, len(x))
                                       or mistakes.tensor_mistakes(triples, jacobians, len(x)))
        found = [tr.bprop for tr in batch]
        known = mistakes.known_bug(subject.reference, mistakes.layer_runner(module, x, g, found))
        named += [known] if known else []
    return {
        "shape": (x.shape[1], m),
        "jacobians": jacobians,
        "gradients": gradients,
        "mistakes": tuple(named),
        "contract": row_contract(module, x, rng),
        "stability": stability(module, x, deriv, tol.exact, worst),
        "facts": facts(fact_names(subject.reference, deriv), triples, tol.exact)}


def _criterion(subject, z, t, rng, deriv, step, worst) -> dict:
    criterion, tol = subject.module, tolerances_for(z.dtype)
    t = inputs.labels(rng, len(z), z.shape[1]) if t is None else np.asarray(t)
    criterion.set_target(t)
    t_rows = t if t.ndim == 2 else inputs.one_hot(t, z.shape[1])
    triple = criterion_triple(criterion, z, t_rows, deriv, step)
    check = three_way(triple, tol, worst)
    named = []
    if not check.passed:
        named = mistakes.tensor_mistakes([triple], [check], len(z))
        if subject.reference == "CrossEntropy":
            named += [m for m in [mistakes.fused(triple.bprop, z, t_rows)] if m]
        known = mistakes.known_bug(subject.reference,
                                   mistakes.criterion_runner(z, t, triple.bprop))
        named += [known] if known else []
    return {"jacobians": (check,), "mistakes": tuple(named),
            "contract": cost_contract(criterion, z),
            "facts": facts(fact_names(subject.reference, deriv), [triple], tol.exact, t_rows)}


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
        require_finite(subject.reference[len(PREFIX):], x)


def _batch(subject: Subject, rng, batch: int, dtype) -> np.ndarray:
    if int(batch) != batch or batch < 1:
        raise GradcheckError(f"batch must be a positive integer, got {batch!r}")
    return inputs.draw(domain(subject), rng, batch, subject.n, dtype)


def domain(subject: Subject) -> str:
    """How valid inputs are drawn: the reference built-in's Spec.domain; logits for a fused
    criterion or a formula; probabilities for a criterion compared with nothing."""
    from gradcheck.modules.registry import specs

    spec = specs().get(subject.reference)
    if spec is not None:
        return spec.domain
    return "probabilities" if subject.kind == "criterion" and subject.reference is None \
        else "normal"


def _given(x, dtype) -> np.ndarray:
    x = np.asarray(x)
    if x.ndim != 2 or x.dtype.kind != "f":
        raise GradcheckError(f"x must be a float batch of shape (B, N), got {x.dtype} "
                             f"of shape {x.shape}")
    return x.astype(dtype, copy=True)


def _formula(subject: Subject, deriv) -> str:
    return deriv.formula if deriv is not None else getattr(subject.module, "formula", "") or ""
