"""Compare a candidate Jacobian with a reference, entry by entry."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gradcheck.checker.result import Entry, TensorCheck
from gradcheck.checker.stepsize import Tolerance

Label = Callable[[int], tuple[tuple[int, ...], tuple[int, ...]]]


def compare(name: str, ref: np.ndarray, cand: np.ndarray, tol: Tolerance, label: Label, *,
            shape: tuple[int, ...], kinks: np.ndarray | None = None, worst: int = 5,
            reference: str = "finite differences", candidate: str = "bprop") -> TensorCheck:
    """Per-entry |cand - ref| <= atol + rtol |ref|; kink entries are reported, not judged."""
    ref, cand = ref.ravel(), cand.ravel()
    kinks = np.zeros(ref.shape, bool) if kinks is None else kinks.ravel()
    err = np.abs(cand - ref)
    err = np.where(np.isnan(err), np.inf, err)
    excess = err / tol.bound(ref)
    judged = ~kinks
    bad = judged & (excess > 1)
    denom = np.maximum(np.abs(ref), np.abs(cand))
    rel = np.divide(err, denom, out=np.zeros_like(err), where=denom > 0)

    def entries(mask: np.ndarray, key: np.ndarray) -> tuple[Entry, ...]:
        idx = np.flatnonzero(mask)
        if len(idx) > worst:
            idx = idx[np.argpartition(-key[idx], worst)[:worst]]
        idx = idx[np.argsort(-key[idx], kind="stable")]
        return tuple(Entry(*label(int(i)), float(ref[i]), float(cand[i]), float(err[i]),
                           bool(kinks[i])) for i in idx)

    shown = bad if bad.any() else judged
    return TensorCheck(
        name=name, reference=reference, candidate=candidate, shape=tuple(shape),
        max_abs_err=float(err[judged].max(initial=0)), max_rel_err=float(rel[judged].max(initial=0)),
        atol=tol.atol, rtol=tol.rtol, passed=not bad.any(), n_entries=int(ref.size),
        n_failed=int(bad.sum()), n_kinks=int(kinks.sum()),
        worst=entries(shown, excess), kinks=entries(kinks, err))


def block_label(m: int, n: int) -> Label:
    """Entry k of a (B, M, N) stack of per-sample blocks: row (b, i), column (b, j)."""
    def label(k: int):
        b, rest = divmod(k, m * n)
        i, j = divmod(rest, n)
        return (b, i), (b, j)
    return label


def dense_label(out_shape: tuple[int, ...], in_shape: tuple[int, ...]) -> Label:
    """Entry k of a (B·M, P) matrix: row the output index, column the tensor index."""
    p = int(np.prod(in_shape))
    def label(k: int):
        r, c = divmod(k, p)
        return (tuple(int(v) for v in np.unravel_index(r, out_shape)),
                tuple(int(v) for v in np.unravel_index(c, in_shape)))
    return label
