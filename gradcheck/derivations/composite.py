"""Criterion ∘ softmax: CrossEntropy(SoftMax(z)), CrossEntropyLog(LogSoftMax(z)); ∇ = s - t."""

from __future__ import annotations

from functools import cache

import numpy as np
import sympy as sp

from gradcheck.derivations import COMPOSITES, log_softmax, softmax
from gradcheck.derivations.base import Derivation, Step
from gradcheck.derivations.index import (
    ell,
    explicit,
    grid,
    j,
    jac,
    k,
    m,
    numpy_fn,
    s,
    softmax_of,
    t,
    tidy,
    total,
    z,
)
from gradcheck.derivations.prove import collapse, identity, pull

NAMES = COMPOSITES  # criterion ∘ softmax, on logits
FORMULAS = ("ℓ = -Σ_i t_i ln s_i, s = softmax(z)", "ℓ = -Σ_i t_i y_i, y = log-softmax(z)")


def loss(name: str, a, zb, n=None):
    """The per-class term of ℓ at class a, z given as zb (explicit sums when n is given)."""
    big = total(sp.exp(zb[m]), m) if n is None else sum(sp.exp(zb[c]) for c in range(n))
    if name == NAMES[0]:
        return -t[a] * sp.log(sp.exp(zb[a]) / big)
    return -t[a] * (zb[a] - sp.log(big))


@cache
def index_form(name: str):
    """∂ℓ/∂z_j for general N, Σ_k t_k factored out and set to 1, then in terms of s."""
    raw = sp.diff(total(loss(name, k, z)), z[j])
    g = sp.expand(pull(sp.expand(collapse(sp.expand(raw)))))
    g1 = g.subs(total(t[k]), 1)
    js = g1.subs(softmax_of(z, j, m), s[j])
    ident = identity(
        f"composite-{'ce' if name == NAMES[0] else 'ce-log'}",
        f"{name}: with Σ_k t_k = 1, ∂ℓ/∂z_j = s_j - t_j",
        g1,
        softmax_of(z, j, m) - t[j],
        "proved for general N: SymPy factors "
        "Σ_k t_k out of the gradient, then the constraint sets it to 1",
        shown=(jac(ell, z[j]), g1, s[j] - t[j]),
    )
    return raw, g, js, ident


def explicit_gradient(name: str, n: int):
    """Matrix.jacobian of the explicit ℓ at N = n, with t_{n-1} = 1 - Σ_{a<n-1} t_a."""
    last = {t[n - 1]: 1 - sum(t[a] for a in range(n - 1))}
    per_sample = sum(loss(name, a, z, n) for a in range(n)).subs(last)
    jm = tidy(sp.ImmutableMatrix([per_sample]).jacobian(explicit(z, n)))
    e = explicit(z, n).applyfunc(sp.exp)
    return jm, (e / sum(e) - explicit(t, n)).T.subs(last)


@cache
def numpy_fns(name: str):
    """The index form as a numpy function g(s, t, j)."""
    return numpy_fn(index_form(name)[2], (s, t, j))


def evaluate_for(name: str):
    """The evaluator of one composite: s from the module's forward, then g_j = s_j - t_j."""

    def evaluate(zv, params, tv):
        n, shifted = zv.size, zv - zv.max()  # exact by shift invariance (4a)
        if name == NAMES[0]:
            sv = grid(softmax.numpy_fns()[0], (n,), shifted, n)
        else:
            sv = np.exp(grid(log_softmax.numpy_fns()[0], (n,), shifted, n))
        return {"z": grid(numpy_fns(name), (n,), sv, tv)}

    return evaluate


def derive(name: str, n: int) -> Derivation:
    """One composite's derivation, with the explicit gradient at N = n."""
    raw, g, js, ident = index_form(name)
    jm, claim = explicit_gradient(name, n)
    ids = (
        ident,
        identity(
            f"{ident.key}-matrix",
            f"{name} at N = {n}: ∇ℓ = s - t",
            jm,
            claim,
            f"proved at N = {n}, t_{n - 1} = 1 - Σ_(a<{n - 1}) t_a",
        ),
    )
    forward = sp.Eq(ell, total(loss(name, k, z)))
    steps = (
        Step("definition (the criterion of the module's output)", forward),
        Step("differentiate", sp.Eq(jac(ell, z[j]), raw)),
        Step("sum over the deltas, factor Σ_k t_k out", sp.Eq(jac(ell, z[j]), g)),
        Step(
            "the target is a distribution: Σ_k t_k = 1; s_j = softmax(z)_j",
            sp.Eq(jac(ell, z[j]), js),
        ),
        Step(f"at N = {n}, by Matrix.jacobian of the explicit loss", jm),
    )
    structure = (
        "the gradient s - t is bounded: every entry lies in [-1, 1]",
        "it sums to 0 over the classes when Σ_k t_k = 1",
        "no division by s: the fused gradient avoids CrossEntropy's -t/z",
    )
    return Derivation(
        name,
        "criterion",
        n,
        FORMULAS[NAMES.index(name)],
        forward,
        sp.Eq(jac(ell, z[j]), js),
        jm,
        steps,
        ids,
        structure,
        evaluate_for(name),
    )
