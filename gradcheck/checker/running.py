"""compare() streamed: entries arrive in pieces; only running maxima and the worst few are kept.

The same judgement as checker/compare.py (|cand - ref| <= atol + rtol |ref|, NaN fails), for
Jacobians too large to hold: the result is the same TensorCheck. Entries are named by their
flat index in the (rows, cols) Jacobian; of entries with equal excess, the first seen is kept.
"""

from __future__ import annotations

import numpy as np

from gradcheck.checker.compare import Label
from gradcheck.checker.result import Entry, TensorCheck
from gradcheck.checker.stepsize import Tolerance


class Top:
    """The k entries of largest excess seen so far: excess, flat index, ref, cand, err."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.cols = [np.zeros(0), np.zeros(0, np.int64), np.zeros(0), np.zeros(0), np.zeros(0)]

    @property
    def floor(self) -> float:
        """Excess an entry must beat to enter (-1 while not full; ties keep the first seen)."""
        return float(self.cols[0][-1]) if len(self.cols[0]) >= self.k else -1.0

    def add(self, excess, index, ref, cand, err) -> None:
        merged = [
            np.concatenate([a, b])
            for a, b in zip(self.cols, (excess, index, ref, cand, err), strict=True)
        ]
        order = np.lexsort((merged[1], -merged[0]))[: self.k]
        self.cols = [a[order] for a in merged]


def _best(pool: np.ndarray, excess: np.ndarray, k: int) -> np.ndarray:
    """The k positions of pool (sorted) with the largest excess; ties to the first."""
    if len(pool) <= k:
        return pool
    kth = np.partition(excess[pool], len(pool) - k)[len(pool) - k]
    strict = pool[excess[pool] > kth]
    return np.concatenate([strict, pool[excess[pool] == kth][: k - len(strict)]])


class Running:
    """One pair of Jacobians (reference, candidate) compared piece by piece."""

    def __init__(self, tol: Tolerance, worst: int = 5) -> None:
        self.tol, self.worst = tol, worst
        self.n = self.n_bad = 0
        self.max_abs = self.max_rel = self.max_excess = 0.0
        self.bad, self.judged = Top(worst), Top(worst)

    def add(self, ref, cand, index: np.ndarray) -> None:
        """Entries at flat indices index (1-D), ref broadcast against cand."""
        cand = np.asarray(cand, np.float64)
        ref = np.broadcast_to(np.asarray(ref, np.float64), cand.shape)
        with np.errstate(invalid="ignore"):
            err = np.abs(cand - ref)
        err = np.where(np.isnan(err), np.inf, err)
        excess = err / self.tol.bound(ref)
        denom = np.maximum(np.abs(ref), np.abs(cand))
        with np.errstate(invalid="ignore"):
            rel = np.divide(err, denom, out=np.zeros_like(err), where=denom > 0)
        bad = excess > 1
        self.n += err.size
        self.n_bad += int(bad.sum())
        if err.size:
            self.max_abs = max(self.max_abs, float(err.max()))
            self.max_rel = float(np.max([self.max_rel, rel.max()]))
            self.max_excess = max(self.max_excess, float(excess.max()))
        for top, pool in (
            (self.bad, bad & (excess > self.bad.floor)),
            (self.judged, excess > self.judged.floor),
        ):
            keep = _best(np.flatnonzero(pool), excess, self.worst)
            top.add(excess[keep], index[keep], ref[keep], cand[keep], err[keep])

    def add_equal(self, count: int) -> None:
        """count entries where candidate and reference are both exactly zero."""
        self.n += int(count)

    def result(self, name: str, shape, label: Label, reference: str, candidate: str) -> TensorCheck:
        top = self.bad if self.n_bad else self.judged
        _, index, ref, cand, err = top.cols
        worst = tuple(
            Entry(*label(int(i)), float(r), float(c), float(e), False)
            for i, r, c, e in zip(index, ref, cand, err, strict=True)
        )
        return TensorCheck(
            name=name,
            reference=reference,
            candidate=candidate,
            shape=tuple(shape),
            max_abs_err=self.max_abs,
            max_rel_err=self.max_rel,
            atol=self.tol.atol,
            rtol=self.tol.rtol,
            passed=self.n_bad == 0,
            n_entries=self.n,
            n_failed=self.n_bad,
            worst=worst,
        )
