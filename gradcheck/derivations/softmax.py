"""SoftMax: s_i = exp(x_i) / Σ_k exp(x_k); ∂s_i/∂x_j = s_i (δ_ij - s_j)."""

from __future__ import annotations

from functools import cache

import sympy as sp

from gradcheck.derivations.base import Derivation, Step
from gradcheck.derivations.index import (
    N,
    delta,
    diag,
    explicit,
    grid,
    i,
    j,
    jac,
    k,
    numpy_fn,
    s,
    softmax_of,
    tidy,
    total,
    v,
    x,
)
from gradcheck.derivations.prove import collapse, identity

FORMULA = "s_i = exp(x_i) / Σ_j exp(x_j)"


def in_x(expr):
    """expr with every s_a replaced by its definition exp(x_a) / Σ_k exp(x_k)."""
    return expr.replace(
        lambda e: isinstance(e, sp.Indexed) and e.base == s, lambda e: softmax_of(x, e.indices[0])
    )


def to_output(expr, a=i, b=j):
    """expr in s: exp(x_a) = s_a S with S = Σ_k exp(x_k), then S cancels."""
    big = sp.Symbol("S", positive=True)
    e = expr.subs(total(sp.exp(x[k])), big)
    return sp.factor(sp.expand(e.subs({sp.exp(x[a]): s[a] * big, sp.exp(x[b]): s[b] * big})))


@cache
def index_form():
    """The general-N results: ∂s_i/∂x_j in x, the same in s, and their identities."""
    d = collapse(sp.diff(softmax_of(x, i), x[j]))
    js = to_output(d)
    xc = x[i] + sp.Symbol("c", real=True)
    shifted = sp.exp(xc) / total(sp.exp(xc.subs(i, k)))
    ids = (
        identity(
            "1a",
            "softmax Jacobian = diag(s) - s sᵀ: ∂s_i/∂x_j = s_i δ_ij - s_i s_j",
            d,
            in_x(s[i] * delta(i, j) - s[i] * s[j]),
            "proved for general N, with s_a = exp(x_a) / Σ_k exp(x_k) substituted on the right",
            shown=(jac(s[i], x[j]), d, s[i] * delta(i, j) - s[i] * s[j]),
        ),
        identity(
            "1b",
            "softmax bprop: Σ_i v_i ∂s_i/∂x_j = s_j (v_j - v·s)",
            total(v[i] * js, i),
            s[j] * (v[j] - total(v[i] * s[i], i)),
            "proved for general N, any v and s",
        ),
        identity(
            "4a",
            "shift invariance: softmax(x + c) = softmax(x) for any c",
            shifted,
            softmax_of(x, i),
            "proved for general N",
        ),
    )
    return d, js, ids


def explicit_forward(n: int) -> sp.ImmutableMatrix:
    """(s_0, ..., s_{n-1}) written out at N = n."""
    e = explicit(x, n).applyfunc(sp.exp)
    return e / sum(e)


def matrix_identities(n: int, jm, sx):
    """1a on the explicit matrix, shift invariance and the structure, at N = n."""
    c, at = sp.Symbol("c", real=True), f"proved at N = {n}"
    shifted = explicit_forward(n).subs({x[a]: x[a] + c for a in range(n)}, simultaneous=True)
    return (
        identity(
            "1a-matrix",
            f"Matrix.jacobian at N = {n} equals diag(s) - s sᵀ",
            jm,
            diag(sx) - sx * sx.T,
            at,
        ),
        identity("4a-matrix", f"softmax(x + c) = softmax(x) at N = {n}", shifted, sx, at),
        identity("softmax-symmetric", "the Jacobian is symmetric: J = Jᵀ", jm, jm.T, at),
        identity(
            "softmax-rows",
            "each row of the Jacobian sums to 0",
            jm * sp.ones(n, 1),
            sp.zeros(n, 1),
            at,
        ),
    )


@cache
def numpy_fns():
    """The index forms as numpy functions: s(x, N, i) and J(s, i, j)."""
    return numpy_fn(softmax_of(x, i), (x, N, i)), numpy_fn(index_form()[1], (s, i, j))


def evaluate(xv, params, t):
    """J_ij = s_i (δ_ij - s_j) on the index grid, s from the symbolic forward."""
    fwd, js = numpy_fns()
    n = xv.size
    sv = grid(fwd, (n,), xv - xv.max(), n)  # the max-shift is exact by identity 4a
    return {"x": grid(js, (n, n), sv)}


def derive(n: int) -> Derivation:
    """The SoftMax derivation, with explicit matrices at N = n."""
    d, js, ids = index_form()
    sx = explicit_forward(n)
    jm = tidy(sx.jacobian(explicit(x, n)))
    forward = sp.Eq(s[i], softmax_of(x, i))
    steps = (
        Step("definition", forward),
        Step(
            "differentiate (quotient rule; Σ_k δ_jk exp(x_k) = exp(x_j))", sp.Eq(jac(s[i], x[j]), d)
        ),
        Step("in terms of the output: exp(x_a) = s_a Σ_k exp(x_k)", sp.Eq(jac(s[i], x[j]), js)),
        Step(f"at N = {n}, by Matrix.jacobian of the explicit forward", jm),
        Step(
            f"at N = {n}, in terms of the output: diag(s) - s sᵀ",
            diag(explicit(s, n)) - explicit(s, n) * explicit(s, n).T,
        ),
        Step("bprop: z_j = Σ_i v_i J_ij", sp.Eq(sp.IndexedBase("z")[j], ids[1].rhs)),
    )
    structure = (
        "symmetric: J_ij = J_ji = s_i δ_ij - s_i s_j",
        "each row and column sums to 0, since Σ_j s_j = 1",
        "full: every output depends on every input; bprop needs no N×N matrix",
    )
    return Derivation(
        "SoftMax",
        "module",
        n,
        FORMULA,
        forward,
        sp.Eq(jac(s[i], x[j]), js),
        jm,
        steps,
        ids + matrix_identities(n, jm, sx),
        structure,
        evaluate,
    )
