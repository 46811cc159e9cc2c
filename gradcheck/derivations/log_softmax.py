"""LogSoftMax: y_i = x_i - ln Σ_k exp(x_k); ∂y_i/∂x_j = δ_ij - s_j with s = exp(y)."""

from __future__ import annotations

from functools import cache

import numpy as np
import sympy as sp

from gradcheck.derivations.base import Derivation, Step
from gradcheck.derivations.index import (
    N,
    delta,
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
    y,
)
from gradcheck.derivations.prove import collapse, identity
from gradcheck.derivations.softmax import to_output

FORMULA = "y_i = x_i - ln Σ_j exp(x_j)"


def log_softmax_of(xb, a):
    """x_a - ln Σ_k exp(x_k)."""
    return xb[a] - sp.log(total(sp.exp(xb[k])))


@cache
def index_form():
    """The general-N results: ∂y_i/∂x_j in x, the same in s = exp(y), their identities."""
    d = collapse(sp.diff(log_softmax_of(x, i), x[j]))
    js = to_output(d)
    ids = (
        identity(
            "4b",
            "log-softmax Jacobian: ∂y_i/∂x_j = δ_ij - s_j, s = softmax(x) = exp(y)",
            d,
            delta(i, j) - softmax_of(x, j),
            "proved for general N, with s_j = exp(x_j) / Σ_k exp(x_k) substituted on the right",
            shown=(jac(y[i], x[j]), d, delta(i, j) - s[j]),
        ),
        identity(
            "4c",
            "log-softmax bprop: Σ_i v_i ∂y_i/∂x_j = v_j - s_j Σ_i v_i",
            total(v[i] * js, i),
            v[j] - s[j] * total(v[i], i),
            "proved for general N, any v and s",
        ),
        identity(
            "log-softmax-exp",
            "exp(y_i) = s_i: the output's exp is the softmax",
            sp.exp(log_softmax_of(x, i)),
            softmax_of(x, i),
            "proved for general N",
            shown=(sp.exp(y[i]), sp.exp(log_softmax_of(x, i)), s[i]),
        ),
    )
    return d, js, ids


def explicit_forward(n: int) -> sp.ImmutableMatrix:
    """(y_0, ..., y_{n-1}) written out at N = n."""
    xs = explicit(x, n)
    return xs - sp.ones(n, 1) * sp.log(sum(xs.applyfunc(sp.exp)))


@cache
def numpy_fns():
    """The index forms as numpy functions: y(x, N, i) and J(s, i, j)."""
    return numpy_fn(log_softmax_of(x, i), (x, N, i)), numpy_fn(index_form()[1], (s, i, j))


def evaluate(xv, params, t):
    """J_ij = δ_ij - s_j on the index grid, s = exp(y), y from the symbolic forward."""
    fwd, js = numpy_fns()
    n = xv.size
    yv = grid(fwd, (n,), xv - xv.max(), n)  # exact: y = ln softmax, shift-invariant (4a)
    return {"x": grid(js, (n, n), np.exp(yv))}


def derive(n: int) -> Derivation:
    """The LogSoftMax derivation, with explicit matrices at N = n."""
    d, js, ids = index_form()
    yx = explicit_forward(n)
    jm = tidy(yx.jacobian(explicit(x, n)))
    sx = yx.applyfunc(sp.exp)
    forward = sp.Eq(y[i], log_softmax_of(x, i))
    at = f"proved at N = {n}"
    ids += (
        identity(
            "4b-matrix",
            f"Matrix.jacobian at N = {n} equals I - 1 sᵀ",
            jm,
            sp.eye(n) - sp.ones(n, 1) * sx.T,
            at,
        ),
        identity(
            "log-softmax-rows",
            "each row of the Jacobian sums to 0",
            jm * sp.ones(n, 1),
            sp.zeros(n, 1),
            at,
        ),
    )
    steps = (
        Step("definition", forward),
        Step("differentiate (Σ_k δ_jk exp(x_k) = exp(x_j))", sp.Eq(jac(y[i], x[j]), d)),
        Step(
            "in terms of the output: s_j = exp(y_j) = exp(x_j) / Σ_k exp(x_k)",
            sp.Eq(jac(y[i], x[j]), js),
        ),
        Step(f"at N = {n}, by Matrix.jacobian of the explicit forward", jm),
        Step("bprop: z_j = Σ_i v_i J_ij", sp.Eq(sp.IndexedBase("z")[j], ids[1].rhs)),
    )
    structure = (
        "J = I - 1 sᵀ: every row is e_i - s, so J is not symmetric",
        "each row sums to 0, since Σ_j s_j = 1",
        "full: every output depends on every input; bprop needs only s = exp(y)",
    )
    general = sp.Eq(jac(y[i], x[j]), js)  # the Jacobian's entries, in general
    return Derivation(
        "LogSoftMax", "module", n, FORMULA, forward, general, jm, steps, ids, structure, evaluate
    )
