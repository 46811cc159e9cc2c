"""The three-way path of a module (a layer): per-entry Jacobians of x and each parameter,
batch gradients, the row contract, stability and structure facts."""

from __future__ import annotations

import numpy as np

from gradcheck.checker.contract import row_contract
from gradcheck.threeway import inputs, mistakes
from gradcheck.threeway.gradients import gradient_triples
from gradcheck.threeway.jacobians import module_triples
from gradcheck.threeway.stability import stability
from gradcheck.threeway.structure import fact_names, facts
from gradcheck.threeway.three import three_way
from gradcheck.threeway.tolerances import tolerances_for


def draw(subject, rng: np.random.Generator, batch: int, dtype) -> np.ndarray:
    """A seeded input batch x (B, N) in the reference's domain (normal unless its Spec says)."""
    return inputs.draw(inputs.domain_of(subject.reference, "normal"), rng, batch, subject.n, dtype)


def shape(x: np.ndarray) -> tuple[int, int]:
    """(inputs, outputs) per sample before fprop tells the outputs: N → N."""
    return x.shape[1], x.shape[1]


def run(subject, x, t, rng, deriv, step, worst) -> dict:
    """Everything about a layer (t, a criterion's target, is not used)."""
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
            mixed = (
                "the parameter gradients accumulate (+=) across backward calls and the "
                "class has no method to zero them: each check sees the sum of all before"
            )
        named = (
            [mixed]
            if mixed
            else (
                mistakes.tensor_mistakes(batch, gradients, len(x))
                or mistakes.tensor_mistakes(triples, jacobians, len(x))
            )
        )
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
        "facts": facts(fact_names(subject.reference, deriv), triples, tol.exact),
    }
