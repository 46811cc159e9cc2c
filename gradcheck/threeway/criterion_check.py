"""The three-way path of a criterion: ∂cost/∂z per entry, the cost contract (the batch mean)
and structure facts; no incoming gradient, no parameters."""

from __future__ import annotations

import numpy as np

from gradcheck.checker.contract import cost_contract
from gradcheck.threeway import inputs, mistakes
from gradcheck.threeway.jacobians import criterion_triple
from gradcheck.threeway.structure import fact_names, facts
from gradcheck.threeway.three import three_way
from gradcheck.threeway.tolerances import tolerances_for


def draw(subject, rng: np.random.Generator, batch: int, dtype) -> np.ndarray:
    """A seeded input batch z (B, N) in the reference's domain (its Spec's): logits for a
    criterion on logits (SoftMax+CrossEntropy), probabilities without a reference."""
    on_logits = "+" in (subject.reference or "")
    domain = inputs.domain_of(subject.reference, "normal" if on_logits else "probabilities")
    return inputs.draw(domain, rng, batch, subject.n, dtype)


def shape(z: np.ndarray) -> tuple[int, int]:
    """(inputs, outputs) per sample: N classes → 1 cost."""
    return z.shape[1], 1


def run(subject, z, t, rng, deriv, step, worst) -> dict:
    """Everything about a criterion, at target t (seeded labels when None)."""
    criterion, tol = subject.module, tolerances_for(z.dtype)
    t = inputs.labels(rng, len(z), z.shape[1]) if t is None else np.asarray(t)
    criterion.set_target(t)
    t_rows = t if t.ndim == 2 else inputs.one_hot(t, z.shape[1])
    triple = criterion_triple(criterion, z, t_rows, deriv, step)
    check = three_way(triple, tol, worst)
    named = []
    if not check.passed:
        named = mistakes.tensor_mistakes([triple], [check], len(z))
        named += [m for m in [mistakes.fused(subject.reference, triple.bprop, z, t_rows)] if m]
        known = mistakes.known_bug(subject.reference, mistakes.criterion_runner(z, t, triple.bprop))
        named += [known] if known else []
    return {
        "jacobians": (check,),
        "mistakes": tuple(named),
        "contract": cost_contract(criterion, z),
        "facts": facts(fact_names(subject.reference, deriv), [triple], tol.exact, t_rows),
    }
