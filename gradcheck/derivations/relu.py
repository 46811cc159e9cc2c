"""ReLU: y_i = max(x_i, 0); ∂y_i/∂x_j = δ_ij H(x_i), undefined at x_i = 0 (we use 0)."""

from __future__ import annotations

from functools import cache

import sympy as sp

from gradcheck.derivations.base import Derivation, Step
from gradcheck.derivations.index import diag, explicit, grid, i, j, jac, numpy_fn, x, y
from gradcheck.derivations.prove import identity

FORMULA = "y_i = max(x_i, 0)"
AT_ZERO = (
    "undefined at x = 0 (left derivative 0, right derivative 1); we use the "
    "subgradient 0 there, H(0) = 0, as the module does (y > 0)"
)


def heaviside_0(expr):
    """expr with every Heaviside(a) taken as 0 at a = 0: our subgradient convention."""
    return expr.replace(sp.Heaviside, lambda a, *_: sp.Heaviside(a, 0))


@cache
def index_form():
    """The general-N result ∂y_i/∂x_j and the identities of the derivative at and off 0."""
    d = sp.diff(sp.Max(x[i], 0), x[j])
    a, h = sp.Symbol("x", real=True), sp.Symbol("h", real=True)
    quotient = sp.Max(h, 0) / h  # (max(0 + h, 0) - max(0, 0)) / h
    ids = (
        identity(
            "relu",
            "d/dx max(x, 0) = H(x) (Heaviside) for x ≠ 0",
            sp.diff(sp.Max(a, 0), a),
            sp.Heaviside(a),
            AT_ZERO,
            shown=(sp.Derivative(sp.Max(a, 0), a), sp.Heaviside(a)),
        ),
        identity(
            "relu-left",
            "at x = 0 the left derivative is 0",
            sp.Limit(quotient, h, 0, "-"),
            0,
            "so max(x, 0) has no derivative at 0",
        ),
        identity(
            "relu-right",
            "at x = 0 the right derivative is 1",
            sp.Limit(quotient, h, 0, "+"),
            1,
            "so max(x, 0) has no derivative at 0",
        ),
    )
    return d, heaviside_0(d), ids


@cache
def numpy_fns():
    """The index form as a numpy function J(x, i, j), H(0) = 0."""
    return numpy_fn(index_form()[1], (x, i, j))


def evaluate(xv, params, t):
    """J_ij = δ_ij H(x_i) on the index grid, H(0) = 0."""
    n = xv.size
    return {"x": grid(numpy_fns(), (n, n), xv)}


def derive(n: int) -> Derivation:
    """The ReLU derivation, with explicit matrices at N = n."""
    d, js, ids = index_form()
    jm = explicit(x, n).applyfunc(lambda e: sp.Max(e, 0)).jacobian(explicit(x, n))
    ids += (
        identity(
            "relu-matrix",
            f"Matrix.jacobian at N = {n} equals diag(H(x))",
            jm,
            diag(explicit(x, n).applyfunc(sp.Heaviside)),
            f"proved at N = {n}",
        ),
    )
    forward = sp.Eq(y[i], sp.Max(x[i], 0))
    steps = (
        Step("definition", forward),
        Step("differentiate (SymPy's Heaviside has H(0) = 1/2)", sp.Eq(jac(y[i], x[j]), d)),
        Step("our convention at the kink: H(0) = 0", sp.Eq(jac(y[i], x[j]), js), AT_ZERO),
        Step(f"at N = {n}, by Matrix.jacobian of the explicit forward", jm),
    )
    structure = (
        "diagonal: y_i depends on x_i only",
        "entries 0 or 1: H(x_i) = [y_i > 0], since y_i > 0 exactly where x_i > 0",
        "undefined at x_i = 0, where finite differences straddle the kink",
    )
    general = sp.Eq(jac(y[i], x[j]), js)  # the Jacobian's entries, in general
    return Derivation(
        "ReLU", "module", n, FORMULA, forward, general, jm, steps, ids, structure, evaluate
    )
