"""Index-form symbols shared by the derivations, and numpy evaluation on index grids."""

from __future__ import annotations

import numpy as np
import sympy as sp

N = sp.Symbol("N", integer=True, positive=True)
i, j, k, m = (sp.Idx(a, N) for a in "ijkm")
x, s, y, v, t, z = (sp.IndexedBase(a, real=True) for a in "xsyvtz")
delta = sp.KroneckerDelta
ell = sp.Symbol("ℓ")  # a criterion's per-sample loss


def total(f, a=k, n=N):
    """Σ_{a=0}^{n-1} f."""
    return sp.Sum(f, (a, 0, n - 1))


def softmax_of(xb, a, dummy=k):
    """exp(x_a) / Σ_k exp(x_k)."""
    return sp.exp(xb[a]) / total(sp.exp(xb[dummy]), dummy)


def jac(out, wrt):
    """∂out/∂wrt, unevaluated, for display."""
    return sp.Derivative(out, wrt, evaluate=False)


def explicit(base, n: int) -> sp.ImmutableMatrix:
    """The column (base[0], ..., base[n-1]) of explicit variables."""
    return sp.ImmutableMatrix([base[a] for a in range(n)])


def diag(col) -> sp.ImmutableMatrix:
    """The diagonal matrix of a column (sp.diag trips on Indexed entries)."""
    return sp.ImmutableMatrix(len(col), len(col), lambda a, b: col[a] if a == b else 0)


def tidy(matrix) -> sp.ImmutableMatrix:
    """Each entry as one factored fraction, for display (the value is unchanged)."""
    return sp.ImmutableMatrix(matrix).applyfunc(lambda e: sp.factor(sp.cancel(e)))


def numpy_fn(expr, args):
    """expr as a numpy function of args; δ becomes a Piecewise so index grids broadcast."""
    expr = expr.replace(delta, lambda p, q: sp.Piecewise((1, sp.Eq(p, q)), (0, True)))
    return sp.lambdify(args, expr, "numpy")


def grid(fn, shape, *args) -> np.ndarray:
    """fn(*args, *index grids) as a float64 array of the given shape."""
    out = fn(*args, *np.ix_(*(np.arange(n) for n in shape)))
    return np.array(np.broadcast_to(out, shape), dtype=np.float64)
