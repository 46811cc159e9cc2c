"""Finite-difference steps and tolerances, per dtype."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# entry passes if |candidate - reference| <= atol + rtol * |reference|
TOLERANCES = {np.dtype(np.float64): (1e-6, 1e-5), np.dtype(np.float32): (2e-2, 2e-2)}


@dataclass(frozen=True)
class Tolerance:
    """An entry passes when |a - r| <= atol + rtol |r|."""

    atol: float
    rtol: float

    def bound(self, reference: np.ndarray) -> np.ndarray:
        return self.atol + self.rtol * np.abs(reference)


def tolerance(dtype, atol: float | None = None, rtol: float | None = None) -> Tolerance:
    """The default tolerance of a float dtype, overridable."""
    dtype = np.dtype(dtype)
    a, r = TOLERANCES.get(dtype, TOLERANCES[np.dtype(np.float64)])
    return Tolerance(a if atol is None else atol, r if rtol is None else rtol)


def steps(x: np.ndarray, rel: float | None = None) -> np.ndarray:
    """Central-difference step per entry: rel · max(1, |x|), exactly representable.

    rel defaults to cbrt(eps) of x's dtype, which balances truncation and rounding error.
    """
    rel = np.cbrt(np.finfo(x.dtype).eps) if rel is None else rel
    h = (rel * np.maximum(1, np.abs(x))).astype(x.dtype)
    return ((x + h) - x).astype(x.dtype)
