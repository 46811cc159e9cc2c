"""Structural facts of each built-in's Jacobian, checked numerically on bprop's."""

from __future__ import annotations

import numpy as np

from gradcheck.checker.stepsize import Tolerance
from gradcheck.threeway.result import Fact
from gradcheck.threeway.three import Triple


def symmetric(tr: Triple, t_rows) -> float:
    return float(np.abs(tr.bprop - tr.bprop.swapaxes(-1, -2)).max())


def rows_sum_to_zero(tr: Triple, t_rows) -> float:
    return float(np.abs(tr.bprop.sum(axis=-1)).max())


def diagonal(tr: Triple, t_rows) -> float:
    return float(np.abs(tr.bprop * (1 - np.eye(tr.bprop.shape[-1]))).max())


def same_for_every_sample(tr: Triple, t_rows) -> float:
    return float(np.abs(tr.bprop - tr.bprop[:1]).max())


def weight_sparsity(tr: Triple, t_rows) -> float:
    """∂y_i/∂W_jk = x_j δ_ik: zero unless k = i."""
    n_in, n_out = tr.shape
    jw = tr.bprop.reshape(-1, n_out, n_in, n_out)  # (B, M, n_in, n_out)
    off = ~np.eye(n_out, dtype=bool)[None, :, None, :]
    return float(np.abs(np.where(off, jw, 0)).max())


def bias_identity(tr: Triple, t_rows) -> float:
    """∂y_i/∂b_k = δ_ik, for every sample."""
    n = tr.shape[0]
    return float(np.abs(tr.bprop.reshape(-1, n, n) - np.eye(n)).max())


def zero_off_target(tr: Triple, t_rows) -> float:
    """∂ℓ/∂z_i = 0 wherever t_i = 0."""
    return float(np.abs(np.where(t_rows == 0, tr.bprop, 0)).max())


FACTS = {  # reference -> (fact, tensor, violation)
    "SoftMax": (("symmetric: J = Jᵀ", "x", symmetric),
                ("each row sums to 0", "x", rows_sum_to_zero)),
    "LogSoftMax": (("each row sums to 0", "x", rows_sum_to_zero),),
    "Tanh": (("diagonal: y_i depends on x_i only", "x", diagonal),),
    "ReLU": (("diagonal: y_i depends on x_i only", "x", diagonal),),
    "Linear": (("∂y/∂x = Wᵀ, the same for every sample", "x", same_for_every_sample),
               ("∂y_i/∂W_jk = 0 unless k = i", "W", weight_sparsity),
               ("∂y/∂b = I", "b", bias_identity)),
    "CrossEntropy": (("∂ℓ/∂z_i = 0 where t_i = 0", "z", zero_off_target),),
    "CrossEntropyLog": (("∂ℓ/∂z_i = 0 where t_i = 0", "z", zero_off_target),),
}


def facts(reference: str | None, triples: list[Triple], tol: Tolerance,
          t_rows: np.ndarray | None = None, table=None) -> tuple[Fact, ...]:
    """Each fact of the reference whose tensor was checked, judged at the tolerance's scale;
    table: the facts to check instead of FACTS[reference] (a formula's, proved by SymPy)."""
    by_name = {tr.name: tr for tr in triples}
    found = []
    for name, tensor, violation in FACTS.get(reference, ()) if table is None else table:
        tr = by_name.get(tensor)
        if tr is None:
            continue
        with np.errstate(invalid="ignore"):
            worst = violation(tr, t_rows)
        bound = float(tol.bound(np.abs(tr.bprop).max(initial=0)))
        ok = bool(worst <= bound)
        found.append(Fact(name, ok, f"max violation {worst:.2g} (tolerance {bound:.2g})"))
    return tuple(found)
