"""Tanh: y_i = (e^x_i - e^-x_i) / (e^x_i + e^-x_i); ∂y_i/∂x_j = δ_ij (1 - y_i²)."""

from __future__ import annotations

from functools import cache

import numpy as np
import sympy as sp

from gradcheck.derivations.base import Derivation, Step
from gradcheck.derivations.index import delta, diag, explicit, grid, i, j, jac, numpy_fn, tidy, x, y
from gradcheck.derivations.prove import identity

FORMULA = "y_i = tanh(x_i) = (exp(x_i) - exp(-x_i)) / (exp(x_i) + exp(-x_i))"


def tanh_of(a):
    """(exp(a) - exp(-a)) / (exp(a) + exp(-a)), from the definition, not sympy.tanh."""
    return (sp.exp(a) - sp.exp(-a)) / (sp.exp(a) + sp.exp(-a))


def to_output(d):
    """d in y: with u = exp(2 x_i), y_i = (u - 1)/(u + 1) solved for u, substituted."""
    u = sp.Symbol("u", positive=True)
    fu = sp.cancel(tanh_of(x[i]).subs(sp.exp(x[i]), sp.sqrt(u)))  # (u - 1)/(u + 1)
    _, u_of_y = sp.solve_linear(sp.numer(sp.together(y[i] - fu)), symbols=[u])
    e = sp.factor(sp.cancel(d.subs(sp.exp(x[i]), sp.sqrt(u)).subs(u, u_of_y)))
    return sp.collect(sp.expand(e), delta(i, j))


@cache
def index_form():
    """The general-N results: ∂y_i/∂x_j in x, the same in y, and the identities."""
    d = sp.diff(tanh_of(x[i]), x[j])
    js = to_output(d)
    a = sp.Symbol("x", real=True)
    ids = (
        identity(
            "3a",
            "tanh'(x) = 1 - tanh(x)², tanh written as (eˣ - e⁻ˣ)/(eˣ + e⁻ˣ)",
            sp.diff(tanh_of(a), a),
            1 - tanh_of(a) ** 2,
            "proved for every real x",
        ),
        identity(
            "tanh-index",
            "∂y_i/∂x_j = δ_ij (1 - y_i²), for general N",
            d,
            js.subs(y[i], tanh_of(x[i])),
            "proved for general N",
        ),
        identity(
            "tanh-def",
            "the exponential form is SymPy's (and numpy's) tanh",
            tanh_of(a),
            sp.tanh(a),
            "the evaluator uses np.tanh for y",
        ),
    )
    return d, js, ids


@cache
def numpy_fns():
    """The index form as a numpy function J(y, i, j)."""
    return numpy_fn(index_form()[1], (y, i, j))


def evaluate(xv, params, t):
    """J_ij = δ_ij (1 - y_i²) on the index grid, y = np.tanh(x) (identity tanh-def)."""
    n = xv.size
    return {"x": grid(numpy_fns(), (n, n), np.tanh(xv))}


def derive(n: int) -> Derivation:
    """The Tanh derivation, with explicit matrices at N = n."""
    d, js, ids = index_form()
    yx = explicit(x, n).applyfunc(tanh_of)
    jm = tidy(yx.jacobian(explicit(x, n)))
    at = f"proved at N = {n}"
    ids += (
        identity(
            "tanh-matrix",
            f"Matrix.jacobian at N = {n} equals diag(1 - y²)",
            jm,
            diag(yx.applyfunc(lambda e: 1 - e**2)),
            at,
        ),
    )
    forward = sp.Eq(y[i], tanh_of(x[i]))
    steps = (
        Step("definition", forward),
        Step("differentiate (quotient rule)", sp.Eq(jac(y[i], x[j]), d)),
        Step(
            "in terms of the output: exp(2 x_i) = (1 + y_i) / (1 - y_i)", sp.Eq(jac(y[i], x[j]), js)
        ),
        Step(f"at N = {n}, by Matrix.jacobian of the explicit forward", jm),
        Step(
            f"at N = {n}, in terms of the output",
            diag(explicit(y, n).applyfunc(lambda e: 1 - e**2)),
        ),
    )
    structure = (
        "diagonal: y_i depends on x_i only",
        "0 < 1 - y_i² <= 1: the gradient vanishes where |x_i| is large (saturation)",
    )
    general = sp.Eq(jac(y[i], x[j]), js)  # the Jacobian's entries, in general
    return Derivation(
        "Tanh", "module", n, FORMULA, forward, general, jm, steps, ids, structure, evaluate
    )
