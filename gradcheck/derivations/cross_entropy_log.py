"""CrossEntropyLog: ℓ = -Σ_k t_k z_k on log-probabilities; ∂ℓ/∂z_j = -t_j."""

from __future__ import annotations

from functools import cache

import sympy as sp

from gradcheck.derivations.base import Derivation, Step
from gradcheck.derivations.index import ell, explicit, grid, j, jac, k, numpy_fn, t, total, z
from gradcheck.derivations.prove import collapse, identity

FORMULA = "ℓ = -Σ_i t_i z_i"


@cache
def index_form():
    """The general-N gradient ∂ℓ/∂z_j and its identity."""
    raw = sp.diff(-total(t[k] * z[k]), z[j])
    ids = (
        identity(
            "4d", "cross-entropy-log gradient: ∂ℓ/∂z_j = -t_j", raw, -t[j], "proved for general N"
        ),
    )
    return raw, collapse(raw), ids


@cache
def numpy_fns():
    """The index form as a numpy function g(z, t, j)."""
    return numpy_fn(index_form()[1], (z, t, j))


def evaluate(zv, params, tv):
    """g_j = -t_j on the index grid: bounded, whatever z is."""
    return {"z": grid(numpy_fns(), zv.shape, zv, tv)}


def derive(n: int) -> Derivation:
    """The CrossEntropyLog derivation, with the explicit gradient at N = n."""
    raw, g, ids = index_form()
    loss = -sum(t[a] * z[a] for a in range(n))
    jm = sp.ImmutableMatrix([loss]).jacobian(explicit(z, n))
    ids += (
        identity(
            "4d-matrix",
            f"Matrix.jacobian at N = {n} equals -t",
            jm,
            -explicit(t, n).T,
            f"proved at N = {n}",
        ),
    )
    forward = sp.Eq(ell, -total(t[k] * z[k]))
    steps = (
        Step("definition", forward),
        Step("differentiate", sp.Eq(jac(ell, z[j]), raw)),
        Step("sum over the delta: Σ_k t_k δ_jk = t_j", sp.Eq(jac(ell, z[j]), g)),
        Step(f"at N = {n}, by Matrix.jacobian of the explicit loss", jm),
    )
    structure = (
        "the gradient -t_j does not depend on z: bounded, no division",
        "with z = log-softmax(x), -inf in z is an infinite cost but a finite gradient",
    )
    J = sp.Eq(jac(ell, z[j]), g)  # the gradient's entries, in general
    return Derivation(
        "CrossEntropyLog", "criterion", n, FORMULA, forward, J, jm, steps, ids, structure, evaluate
    )
