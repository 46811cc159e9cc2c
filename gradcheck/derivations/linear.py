"""Linear: y_k = Σ_i x_i W_ik + b_k; ∂y_k/∂x_i = W_ik, ∂y_k/∂W_ij = δ_jk x_i, ∂y_k/∂b_j = δ_jk."""

from __future__ import annotations

from functools import cache

import sympy as sp

from gradcheck.derivations.base import Derivation, Step
from gradcheck.derivations.index import delta, explicit, grid, jac, numpy_fn, x, y
from gradcheck.derivations.prove import collapse, identity
from gradcheck.errors import GradcheckError

FORMULA = "y = x W + b"
n_in, n_out = sp.symbols("n_in n_out", integer=True, positive=True)
i, m = sp.Idx("i", n_in), sp.Idx("m", n_in)
j, k = sp.Idx("j", n_out), sp.Idx("k", n_out)
W, b = sp.IndexedBase("W", real=True), sp.IndexedBase("b", real=True)
FORWARD = sp.Sum(x[m] * W[m, k], (m, 0, n_in - 1)) + b[k]


@cache
def index_form():
    """∂y_k/∂x_i, ∂y_k/∂W_ij, ∂y_k/∂b_j for general sizes, and their identities."""
    wrt = (x[i], W[i, j], b[j])
    raw = tuple(sp.diff(FORWARD, w) for w in wrt)
    claims = (
        (W[i, k], "∂y_k/∂x_i = W_ik"),
        (delta(j, k) * x[i], "∂y_k/∂W_ij = δ_jk x_i"),
        (delta(j, k), "∂y_k/∂b_j = δ_jk"),
    )
    ids = tuple(
        identity(
            f"linear-d{name}",
            text,
            r,
            claim,
            "proved for general sizes",
            shown=(jac(y[k], w), r, claim),
        )
        for name, (claim, text), r, w in zip("xWb", claims, raw, wrt, strict=True)
    )
    eqs = sp.Tuple(*(sp.Eq(jac(y[k], w), collapse(r)) for w, r in zip(wrt, raw, strict=True)))
    return eqs, ids


def batch_identities(n: int, p: int):
    """∂ℓ/∂W = xᵀ g, ∂ℓ/∂b = Σ_rows g, ∂ℓ/∂x = g Wᵀ, for ℓ = Σ g ∘ (x W + b), B = 2."""
    xs, ws, gs = _symbols("x", 2, n), _symbols("W", n, p), _symbols("g", 2, p)
    bs = _symbols("b", p, 1)
    loss = sum(gs.multiply_elementwise(xs * ws + sp.ones(2, 1) * bs.T))
    grad = lambda v: v.applyfunc(lambda e: sp.diff(loss, e))
    at = f"proved for B = 2, n_in = {n}, n_out = {p}, any upstream gradient g = ∂ℓ/∂y"
    return (
        identity("linear-W", "∂ℓ/∂W = xᵀ g", grad(ws), xs.T * gs, at),
        identity("linear-b", "∂ℓ/∂b = Σ_rows g", grad(bs).T, sp.ones(1, 2) * gs, at),
        identity("linear-x", "∂ℓ/∂x = g Wᵀ", grad(xs), gs * ws.T, at),
    )


def _symbols(name: str, rows: int, cols: int) -> sp.ImmutableMatrix:
    """A matrix of plain real symbols named name + row + col (Indexed makes diff slow)."""
    return sp.ImmutableMatrix(
        rows, cols, lambda r, c: sp.Symbol(f"{name}{r}{c}" if cols > 1 else f"{name}{r}", real=True)
    )


@cache
def numpy_fns():
    """The index forms as numpy functions of (tensor, k, ...) index grids."""
    eqs = index_form()[0]
    return (
        numpy_fn(eqs[0].rhs, (W, k, i)),
        numpy_fn(eqs[1].rhs, (x, k, i, j)),
        numpy_fn(eqs[2].rhs, (k, j)),
    )


def evaluate(xv, params, t):
    """J_x[k, i] = W_ik, J_W[k, i, j] = δ_jk x_i, J_b[k, j] = δ_jk on index grids."""
    wv = _params(xv, params)
    fx, fw, fb = numpy_fns()
    p = wv.shape[1]
    return {
        "x": grid(fx, (p, xv.size), wv),
        "W": grid(fw, (p, xv.size, p), xv),
        "b": grid(fb, (p, p)),
    }


class Evaluate:
    """The Jacobians at numbers: dense at one sample (jacobians()), or row-sparse for a batch.

    ∂y_k/∂W_ij = δ_jk x_i vanishes unless j = k (SymPy says so: sparse_support()), so the
    sparse form evaluates the formula on j = k only: n_in values per output, not n_in·n_out.
    """

    def __call__(self, xv, params, t):
        return evaluate(xv, params, t)

    def sparse(self, xs, params) -> dict:
        """For a batch xs (B, n_in): "x" (B, M, N) dense, "W" and "b" as (cols, vals), each
        (B·M, S): row (b, k) of the flattened Jacobian is vals at columns cols, zero elsewhere.
        """
        import numpy as np

        wv = _params(np.asarray(xs[0], np.float64), params)
        sparse_support()
        fx, fw, fb = numpy_fns()
        n, p = wv.shape
        kk, ii = np.ix_(np.arange(p), np.arange(n))  # (M, 1), (1, N): output k, input i
        jx = grid(fx, (p, n), wv)  # (M, N): W_ik
        vals_w = np.concatenate(
            [np.broadcast_to(fw(np.asarray(xb, np.float64), kk, ii, kk), (p, n)) for xb in xs]
        )  # (B·M, N) at j = k
        cols_w = np.broadcast_to(ii * p + kk, (len(xs), p, n)).reshape(-1, n)  # W_ik flat
        vals_b = np.tile(np.broadcast_to(fb(kk[:, 0], kk[:, 0]), (p,)), len(xs))[:, None]
        cols_b = np.tile(np.arange(p), len(xs))[:, None]  # (B·M, 1)
        return {
            "x": np.broadcast_to(jx, (len(xs), p, n)),
            "W": (np.ascontiguousarray(cols_w), vals_w.astype(np.float64)),
            "b": (cols_b, vals_b.astype(np.float64)),
        }


@cache
def sparse_support() -> None:
    """SymPy's ∂y_k/∂W_ij and ∂y_k/∂b_j at j = k + 1 must be 0, or the sparse form is wrong."""
    eqs = index_form()[0]
    for eq in eqs[1:]:
        off = sp.simplify(eq.rhs.subs(j, k + 1))
        if off != 0:
            raise GradcheckError(f"the Linear Jacobian {eq.rhs} is not zero off j = k: {off}")


def _params(xv, params):
    """W of [W (n_in, n_out), b (n_out,)], both checked against x, or a GradcheckError."""
    if len(params) != 2:
        raise GradcheckError(f"Linear.jacobians expects params [W, b], got {len(params)} arrays")
    wv, bv = params
    if wv.ndim != 2 or wv.shape[0] != xv.size or bv.shape != wv.shape[1:]:
        raise GradcheckError(
            f"Linear.jacobians expects W ({xv.size}, n_out) and b (n_out,) "
            f"for x ({xv.size},), got W {wv.shape} and b {bv.shape}"
        )
    return wv


def derive(n: int) -> Derivation:
    """The Linear derivation at n_in = n, n_out = n + 1 (distinct, so a transpose shows)."""
    eqs, ids = index_form()
    p = n + 1
    ws = sp.ImmutableMatrix(n, p, lambda a, c: W[a, c])
    yx = ws.T * explicit(x, n) + explicit(b, p)
    jm = yx.jacobian(explicit(x, n))
    jw = yx.jacobian(sp.ImmutableMatrix(list(ws)))
    forward = sp.Eq(y[k], FORWARD)
    steps = (
        (Step("definition", forward),)
        + tuple(
            Step(f"differentiate with respect to {name}; sum over the delta", e)
            for name, e in zip(("x", "W", "b"), eqs, strict=True)
        )
        + (
            Step(f"at n_in = {n}, n_out = {p}: Matrix.jacobian with respect to x (= Wᵀ)", jm),
            Step("... with respect to W, flattened row-major (sparse: δ_jk x_i)", jw),
        )
    )
    structure = (
        "∂y_k/∂x_i = W_ik: the input Jacobian is Wᵀ, whatever x is",
        "∂y_k/∂W_ij = δ_jk x_i: output k depends only on column k of W",
        "∂y_k/∂b_j = δ_jk: the bias Jacobian is the identity",
    )
    return Derivation(
        "Linear",
        "module",
        n,
        FORMULA,
        forward,
        eqs,
        jm,
        steps,
        ids + batch_identities(n, p),
        structure,
        Evaluate(),
    )
