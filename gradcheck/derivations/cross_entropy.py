"""CrossEntropy: ℓ = -Σ_k t_k ln z_k; ∂ℓ/∂z_j = -t_j / z_j, unbounded as z_j → 0⁺."""

from __future__ import annotations

from functools import cache

import numpy as np
import sympy as sp

from gradcheck.derivations.base import Derivation, Step
from gradcheck.derivations.index import ell, explicit, grid, j, jac, k, numpy_fn, t, total, z
from gradcheck.derivations.prove import collapse, identity

FORMULA = "ℓ = -Σ_i t_i ln z_i"


def overflow_edge(dtype) -> float:
    """The largest z of this float type at which -1/z overflows to -inf."""
    one, zero = dtype(1), dtype(0)
    with np.errstate(divide="ignore", over="ignore"):
        zv = one / np.finfo(dtype).max
        while not np.isinf(-one / zv):
            zv = np.nextafter(zv, zero)
        while np.isinf(-one / np.nextafter(zv, one)):
            zv = np.nextafter(zv, one)
    return float(zv)


def float_limits() -> tuple[tuple[str, float], ...]:
    """-1/z (t = 1) in float64 and float32 at z = 0 and at tiny z, and where it overflows."""
    rows = []
    for dtype in (np.float64, np.float32):
        fi, name = np.finfo(dtype), np.dtype(dtype).name
        tiny = {
            "0": dtype(0),
            "smallest subnormal": fi.smallest_subnormal,
            "smallest normal": fi.smallest_normal,
        }
        for label, zv in tiny.items():
            at = "0" if zv == 0 else f"{float(zv):.4g} ({label})"
            with np.errstate(divide="ignore", over="ignore"):
                rows.append((f"{name} z = {at}", float(-dtype(1) / zv)))
        rows.append((f"{name} -inf for z <=", overflow_edge(dtype)))
    return tuple(rows)


def limit_identity():
    """1d: lim_{z_i → 0⁺} -t_i/z_i = -oo for t_i > 0, with the float numbers as data."""
    zi, ti = sp.Symbol("z_i", positive=True), sp.Symbol("t_i", positive=True)
    value = sp.limit(-ti / zi, zi, 0, "+")
    data = float_limits()
    note = f"SymPy: limit = {value}. In floats, -t/z with t = 1: " + "; ".join(
        f"{a}: {b:.4g}" for a, b in data
    )
    return identity(
        "1d",
        "∂ℓ/∂z_i = -t_i/z_i is unbounded as z_i → 0⁺ when t_i > 0",
        sp.Limit(-ti / zi, zi, 0, "+"),
        -sp.oo,
        note,
        data,
    )


def loss_of(zb, n=None):
    """-Σ_k t_k ln z_k (explicit when n is given)."""
    if n is None:
        return -total(t[k] * sp.log(zb[k]))
    return -sum(t[a] * sp.log(zb[a]) for a in range(n))


@cache
def index_form():
    """The general-N gradient ∂ℓ/∂z_j and its identities."""
    raw = sp.diff(loss_of(z), z[j])
    g = collapse(raw)
    ids = (
        identity(
            "1c",
            "cross-entropy gradient: ∂ℓ/∂z_j = -t_j / z_j",
            raw,
            -t[j] / z[j],
            "proved for general N",
        ),
        limit_identity(),
    )
    return raw, g, ids


@cache
def numpy_fns():
    """The index form as a numpy function g(z, t, j)."""
    return numpy_fn(index_form()[1], (z, t, j))


def evaluate(zv, params, tv):
    """g_j = -t_j / z_j on the index grid; -inf where z_j = 0 < t_j; 0 where t_j = 0."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        g = grid(numpy_fns(), zv.shape, zv, tv)
    return {"z": np.where(tv > 0, g, 0.0)}  # t_j ln z_j is taken as 0 when t_j = 0


def derive(n: int) -> Derivation:
    """The CrossEntropy derivation, with the explicit gradient at N = n."""
    raw, g, ids = index_form()
    jm = sp.ImmutableMatrix([loss_of(z, n)]).jacobian(explicit(z, n))
    claim = sp.ImmutableMatrix(1, n, lambda _, a: -t[a] / z[a])
    ids += (
        identity(
            "1c-matrix",
            f"Matrix.jacobian at N = {n} equals -t / z",
            jm,
            claim,
            f"proved at N = {n}",
        ),
    )
    forward = sp.Eq(ell, loss_of(z))
    steps = (
        Step("definition", forward),
        Step("differentiate", sp.Eq(jac(ell, z[j]), raw)),
        Step("sum over the delta: Σ_k t_k δ_jk / z_k = t_j / z_j", sp.Eq(jac(ell, z[j]), g)),
        Step(f"at N = {n}, by Matrix.jacobian of the explicit loss", jm),
        Step("as z_j → 0⁺ with t_j > 0", sp.Eq(ids[1].lhs, ids[1].rhs)),
    )
    structure = (
        "the gradient is -t_j / z_j: 0 where t_j = 0, no other entry involved",
        "unbounded as z_j → 0⁺ with t_j > 0: -inf in float at z_j = 0 (see 1d)",
    )
    J = sp.Eq(jac(ell, z[j]), g)  # the gradient's entries, in general
    return Derivation(
        "CrossEntropy", "criterion", n, FORMULA, forward, J, jm, steps, ids, structure, evaluate
    )
