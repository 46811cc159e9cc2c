"""Compare a candidate Jacobian with a reference, entry by entry."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gradcheck.checker.ladder import FAIL, KINK, PASS, UNCHECKED, Ladder, settle
from gradcheck.checker.result import Entry, TensorCheck
from gradcheck.checker.stepsize import Tolerance

Label = Callable[[int], tuple[tuple[int, ...], tuple[int, ...]]]
FD = "finite differences"


def compare(
    name: str,
    ref: np.ndarray,
    cand: np.ndarray,
    tol: Tolerance,
    label: Label,
    *,
    shape: tuple[int, ...],
    kinks: np.ndarray | None = None,
    worst: int = 5,
    reference: str = FD,
    candidate: str = "bprop",
    ladder: Ladder | None = None,
    scale=None,
) -> TensorCheck:
    """Per-entry |cand - ref| <= atol + rtol |ref|; kink entries are reported, not judged.

    ladder: the finite differences' (ref's, or cand's if the reference is not "finite
    differences") at smaller steps; an entry out of tolerance fails only if they converge away
    from the other value (checker/ladder.py); where they cannot decide it is unchecked.
    scale: for a contraction g·J, (Σ|g|, Σ|g J|) per entry: the bound of a sum of terms.
    """
    ref, cand, kinks, unchecked, bad = judge(
        ref, cand, tol, kinks=kinks, ladder=ladder, scale=scale, fd_is_ref=reference == FD
    )
    bound = _bound(tol, scale)
    err = _err(ref, cand)
    excess = err / bound(ref)
    judged = ~kinks & ~unchecked
    denom = np.maximum(np.abs(ref), np.abs(cand))
    rel = np.divide(err, denom, out=np.zeros_like(err), where=denom > 0)

    def entries(mask: np.ndarray, key: np.ndarray, kink: np.ndarray) -> tuple[Entry, ...]:
        idx = np.flatnonzero(mask)
        if len(idx) > worst:
            idx = idx[np.argpartition(-key[idx], worst)[:worst]]
        idx = idx[np.argsort(-key[idx], kind="stable")]
        return tuple(
            Entry(*label(int(i)), float(ref[i]), float(cand[i]), float(err[i]), bool(kink[i]))
            for i in idx
        )

    finite = np.where(np.isfinite(err), err, 0)
    shown = bad if bad.any() else judged
    return TensorCheck(
        name=name,
        reference=reference,
        candidate=candidate,
        shape=tuple(shape),
        max_abs_err=float(err[judged].max(initial=0)),
        max_rel_err=float(rel[judged].max(initial=0)),
        atol=tol.atol,
        rtol=tol.rtol,
        passed=not bad.any(),
        n_entries=int(ref.size),
        n_failed=int(bad.sum()),
        n_kinks=int(kinks.sum()),
        worst=entries(shown, excess, kinks),
        kinks=entries(kinks, finite, kinks),
        n_unchecked=int(unchecked.sum()),
        unchecked=entries(unchecked, finite, kinks),
    )


def judge(
    ref,
    cand,
    tol: Tolerance,
    *,
    kinks=None,
    ladder: Ladder | None = None,
    scale=None,
    fd_is_ref: bool = True,
):
    """Flat (ref, cand, kinks, unchecked, failed): ref's (or cand's) finite differences refined by
    the ladder where they disagree at the first step. With the ladder's levels kept, judging the
    same pair again costs no fprop (the batch gradients ask for the kinks found here)."""
    ref, cand = np.array(ref, np.float64).ravel(), np.array(cand, np.float64).ravel()
    kinks = np.zeros(ref.shape, bool) if kinks is None else np.array(kinks, bool).ravel()
    bound = _bound(tol, scale)
    unchecked = np.zeros(ref.shape, bool)
    bad = ~kinks & ~(_err(ref, cand) <= bound(ref))  # a NaN reference (no step) is no pass
    if ladder is not None and bad.any():
        fd, other = (ref, cand) if fd_is_ref else (cand, ref)
        state, best = settle(
            fd.reshape(ladder.shape),
            other.reshape(ladder.shape),
            bound,
            ladder,
            bad.reshape(ladder.shape),
        )
        state, best = state.ravel(), best.ravel()
        decided = bad & ((state == PASS) | (state == FAIL))  # report the estimate that decided
        (ref if fd_is_ref else cand)[decided] = best[decided]
        kinks |= state == KINK
        unchecked = state == UNCHECKED
        bad = state == FAIL
    return ref, cand, kinks, unchecked, bad


def _err(ref: np.ndarray, cand: np.ndarray) -> np.ndarray:
    """|cand - ref|, a NaN counted as infinitely wrong."""
    with np.errstate(invalid="ignore"):
        err = np.abs(cand - ref)
    return np.where(np.isnan(err), np.inf, err)


def _bound(tol: Tolerance, scale) -> Callable[[np.ndarray], np.ndarray]:
    """tol.bound, or for a contraction Σ_m g_m J_m with scale = (Σ|g_m|, Σ|g_m J_m|) the bound
    the per-entry tolerance propagates to: atol Σ|g_m| + rtol Σ|g_m J_m|."""
    if scale is None:
        return tol.bound
    w, s = (np.ravel(a) for a in scale)

    def bound(ref: np.ndarray) -> np.ndarray:
        r = np.abs(ref).reshape(s.shape)
        return (tol.atol * w + tol.rtol * np.maximum(r, s)).reshape(np.shape(ref))

    return bound


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
        return (
            tuple(int(v) for v in np.unravel_index(r, out_shape)),
            tuple(int(v) for v in np.unravel_index(c, in_shape)),
        )

    return label
