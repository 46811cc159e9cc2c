"""Before an entry fails: finite differences again at smaller steps, Richardson, kinks.

An entry whose central difference D(h) disagrees with the candidate is looked at again at
h/4, h/16, h/64, h/256 (levels 1-4). At each level k, with D_k the central difference and
f_k, b_k the one-sided quotients (f(x+h)-f(x))/h and (f(x)-f(x-h))/h:

    spread   = |D_k - D_{k-1}|                 how far the estimate still moves
    R_k      = (16 D_k - D_{k-1}) / 15          Richardson: the h² error term cancelled
    gap      = |f_k - b_k|                      ≈ h |f''| where f is smooth: shrinks 4× a level

    noise    ≈ 2 eps |f| / h                      the rounding error of the quotients

    PASS       the estimate is trusted (spread within tolerance) and D_k or R_k agrees
    FAIL       the estimate has converged (spread within a quarter of the tolerance, noise within
               half), f is smooth there, and the candidate is further than tolerance + spread +
               noise from D_k and R_k
    KINK       the one-sided quotients differ by more than the tolerance and twice the noise and
               do not shrink with the step (a kink within h_k, wherever it is: in this module or
               downstream, for an input or a parameter), and the candidate lies between them
               (a subgradient)
    UNCHECKED  none of these by the last level: finite differences cannot decide this entry
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

PASS, FAIL, UNCHECKED, KINK = 0, 1, 2, 3
RATIO = 4
DEPTH = 4
SAMPLE = 256  # pending entries looked at first, the furthest out of tolerance (see settle)

Sides = Callable[[float, np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]]
Bound = Callable[[np.ndarray], np.ndarray]


class Ladder:
    """One Jacobian's one-sided quotients (and their rounding noise) at steps rel/4, rel/16, ...,
    computed on demand, only for the entries asked about, and kept (asking again costs no
    fprop)."""

    def __init__(self, sides: Sides, rel: float, shape: tuple[int, ...]) -> None:
        self.sides, self.rel, self.shape = sides, float(rel), tuple(shape)
        self._levels: dict[int, tuple[np.ndarray, ...]] = {}

    def level(self, k: int, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(forward, backward, noise) at step rel / 4^k, valid where mask (NaN elsewhere)."""
        if k not in self._levels:
            self._levels[k] = (
                *(np.full(self.shape, np.nan) for _ in range(3)),
                np.zeros(self.shape, bool),
            )
        *arrays, have = self._levels[k]
        need = np.broadcast_to(mask, self.shape) & ~have
        if need.any():
            with np.errstate(all="ignore"):
                new = self.sides(self.rel / RATIO**k, need)
            for a, n in zip(arrays, new, strict=True):
                a[need] = n[need]
            have |= need
        return tuple(arrays)


class Contracted(Ladder):
    """The ladder of a linear image of a Jacobian (a batch gradient g·J): each level is the
    parent's, on the entries that feed the ones asked about, contracted."""

    def __init__(
        self, parent: Ladder, contract: Callable, contract_abs: Callable, expand: Callable, shape
    ) -> None:
        super().__init__(parent.sides, parent.rel, shape)
        self.parent, self.contract, self.contract_abs = parent, contract, contract_abs
        self.expand = expand

    def level(self, k: int, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Entries not asked about may be NaN: they feed only outputs not asked about."""
        fwd, bwd, noise = self.parent.level(k, self.expand(mask))
        return self.contract(fwd), self.contract(bwd), self.contract_abs(noise)


def settle(
    fd: np.ndarray, other: np.ndarray, bound: Bound, ladder: Ladder, pending: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The state of every entry (PASS unless pending) and the finite difference to report.

    Many pending entries (a wrong gradient of a large weight matrix): the SAMPLE furthest out
    of tolerance are looked at first; once one of them is a confirmed FAIL, the tensor fails
    whatever the others are, and they are counted as failing (out of tolerance at the first
    step) without the thousands of fprops their ladders would take. Else every one is looked
    at: no entry passes or fails unexamined on the way to a PASS.
    """
    if pending.sum() <= SAMPLE:
        return _settle(fd, other, bound, ladder, pending)
    with np.errstate(all="ignore"):
        excess = np.abs(other - fd) / bound(np.maximum(np.abs(fd), np.abs(other)))
    excess = np.where(pending & ~np.isnan(excess), excess, -1).ravel()
    first = np.zeros(pending.size, bool)
    first[np.argsort(-excess, kind="stable")[:SAMPLE]] = True
    first = first.reshape(pending.shape) & pending
    state, best = _settle(fd, other, bound, ladder, first)
    rest = pending & ~first
    if (state == FAIL).any():
        state[rest] = FAIL
        return state, best
    state_rest, best_rest = _settle(fd, other, bound, ladder, rest)
    return np.where(rest, state_rest, state), np.where(rest, best_rest, best)


def _settle(
    fd: np.ndarray, other: np.ndarray, bound: Bound, ladder: Ladder, pending: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Every pending entry down the ladder until it is decided or the ladder ends."""
    state = np.where(pending, UNCHECKED, PASS)
    best = np.array(fd, dtype=np.float64)
    open_ = pending.copy()
    prev, gap_prev = best.copy(), None
    with np.errstate(all="ignore"):
        for k in range(1, DEPTH + 1):
            if not open_.any():
                break
            fwd, bwd, noise = ladder.level(k, open_)
            d = (fwd + bwd) / 2
            rich = (RATIO**2 * d - prev) / (RATIO**2 - 1)
            tol = bound(np.maximum(np.abs(d), np.abs(other)))
            spread, gap = np.abs(d - prev), np.abs(fwd - bwd)
            near = (np.abs(other - d) <= tol) | (np.abs(other - rich) <= tol)
            far = np.minimum(np.abs(other - d), np.abs(other - rich)) > tol + spread + noise
            shrinking = gap <= tol if gap_prev is None else (gap <= tol) | (gap < gap_prev / 2)
            between = (other >= np.minimum(fwd, bwd) - tol) & (other <= np.maximum(fwd, bwd) + tol)
            quiet = noise <= tol / 2
            decided = {
                PASS: open_ & (spread <= tol) & near,
                FAIL: open_ & (spread <= tol / 4) & quiet & shrinking & far,
                KINK: open_ & ~shrinking & (gap > 2 * noise) & (gap_prev is not None) & between,
            }
            for s in (KINK, FAIL, PASS):  # PASS last: it wins
                state[decided[s]] = s
            done = decided[PASS] | decided[FAIL] | decided[KINK]
            best[open_] = d[open_]
            open_ &= ~done
            prev, gap_prev = np.where(np.isnan(d), prev, d), gap
    return state, best
