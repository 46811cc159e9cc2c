"""Structural facts of each built-in's Jacobian, checked numerically on bprop's."""

from __future__ import annotations

import numpy as np

from gradcheck.checker.stepsize import Tolerance
from gradcheck.threeway.result import Fact
from gradcheck.threeway.three import Triple

# Each violation(bp, r0, shape, t_rows) reads bprop's Jacobian: (B, M, N) blocks for x, or
# rows r0.. of the flattened (B·M, P) one for a parameter (a chunk of a stream, or all of it).


def symmetric(bp, r0, shape, t_rows) -> float:
    return float(np.abs(bp - bp.swapaxes(-1, -2)).max())


def rows_sum_to_zero(bp, r0, shape, t_rows) -> float:
    return float(np.abs(bp.sum(axis=-1)).max())


def diagonal(bp, r0, shape, t_rows) -> float:
    return float(np.abs(bp * (1 - np.eye(bp.shape[-1]))).max())


def same_for_every_sample(bp, r0, shape, t_rows) -> float:
    return float(np.abs(bp - bp[:1]).max())


def weight_sparsity(bp, r0, shape, t_rows=None) -> float:
    """∂y_k/∂W_ij = x_i δ_jk: zero unless j = k (row r is output k = r mod n_out)."""
    n_in, n_out = shape
    k = (r0 + np.arange(len(bp))) % n_out  # (c,)
    off = np.arange(n_out)[None, None, :] != k[:, None, None]
    jw = bp.reshape(len(bp), n_in, n_out)  # (c, n_in, n_out)
    return float(np.abs(np.where(off, jw, 0)).max(initial=0))


def bias_identity(bp, r0, shape, t_rows=None) -> float:
    """∂y_k/∂b_j = δ_jk, for every sample."""
    n = shape[0]
    k = (r0 + np.arange(len(bp))) % n
    return float(np.abs(bp.reshape(-1, n) - np.eye(n)[k]).max(initial=0))


def zero_off_target(bp, r0, shape, t_rows) -> float:
    """∂ℓ/∂z_i = 0 wherever t_i = 0."""
    return float(np.abs(np.where(t_rows == 0, bp, 0)).max())


# What a fact is, read off a streamed parameter Jacobian (threeway/streamed.py): bprop where
# the reference is structurally zero, or bprop against the symbolic values everywhere.
STREAMED = {weight_sparsity: "off_support", bias_identity: "against_symbolic"}

FACTS = {  # fact -> (tensor, violation); a built-in's Spec.facts and formulas name them
    "symmetric: J = Jᵀ": ("x", symmetric),
    "each row sums to 0": ("x", rows_sum_to_zero),
    "diagonal: y_i depends on x_i only": ("x", diagonal),
    "∂y/∂x = Wᵀ, the same for every sample": ("x", same_for_every_sample),
    "∂y_i/∂W_jk = 0 unless k = i": ("W", weight_sparsity),
    "∂y/∂b = I": ("b", bias_identity),
    "∂ℓ/∂z_i = 0 where t_i = 0": ("z", zero_off_target),
}


def fact_names(reference: str | None, deriv) -> tuple[str, ...]:
    """The facts to check: a hand-derived built-in's Spec.facts; for a formula (a
    formula-defined built-in's too), those its derivation proved; none without a reference."""
    from gradcheck.modules.registry import specs

    spec = specs().get(reference)
    if spec is not None and spec.derivation:
        return spec.facts
    return tuple(n for n in (deriv.structure if deriv is not None else ()) if n in FACTS)


def facts(
    names: tuple[str, ...], triples: list[Triple], tol: Tolerance, t_rows: np.ndarray | None = None
) -> tuple[Fact, ...]:
    """Each named fact (fact_names) whose tensor was checked, judged at the tolerance's scale."""
    by_name = {tr.name: tr for tr in triples}
    found = []
    for name in names:
        tensor, violation = FACTS[name]
        tr = by_name.get(tensor)
        if tr is None:
            continue
        worst, scale = _measure(tr, name, violation, t_rows)
        bound = float(tol.bound(scale))
        ok = bool(worst <= bound)
        found.append(Fact(name, ok, f"max violation {worst:.2g} (tolerance {bound:.2g})"))
    return tuple(found)


def _measure(tr, name: str, violation, t_rows) -> tuple[float, float]:
    """(worst violation, max |bprop|): on a dense Triple, or from its stream's one pass."""
    if isinstance(tr, Triple):
        bp = (
            tr.bprop.reshape(-1, int(np.prod(tr.shape)))
            if tr.name != "x" and tr.name != "z"
            else tr.bprop
        )
        with np.errstate(invalid="ignore"):
            return violation(bp, 0, tr.shape, t_rows), float(np.abs(tr.bprop).max(initial=0))
    if not tr.stream.stats:
        from gradcheck.threeway.tolerances import tolerances_for

        tr.stream.run(tolerances_for(tr.stream.x.dtype), 5)
    stats = tr.stream.stats[tr.name]
    return stats[STREAMED[violation]], stats["max_abs"]
