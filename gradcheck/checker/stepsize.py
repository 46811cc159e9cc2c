"""Finite-difference steps and tolerances, per dtype and per input domain."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gradcheck.errors import GradcheckError

# entry passes if |candidate - reference| <= atol + rtol * |reference|
TOLERANCES = {np.dtype(np.float64): (1e-6, 1e-5), np.dtype(np.float32): (2e-2, 2e-2)}
DOMAINS = ("real", "nonnegative")


@dataclass(frozen=True)
class Tolerance:
    """An entry passes when |a - r| <= atol + rtol |r|."""

    atol: float
    rtol: float

    def bound(self, reference: np.ndarray) -> np.ndarray:
        return self.atol + self.rtol * np.abs(reference)


def tolerance(dtype, atol: float | None = None, rtol: float | None = None) -> Tolerance:
    """The default tolerance of a float dtype, overridable.

    float16 is refused: its 11 significant bits leave central differences at the best step
    (h ≈ 0.1 |x|) about 1% wrong, the size of many real bprop bugs (a missing 1/B at B = 100,
    a mean for a sum), so no tolerance could both pass correct modules and fail those bugs.
    Wider types (longdouble) are at least as precise as float64 and get its tolerance.
    """
    dtype = np.dtype(dtype)
    if dtype.kind != "f" or np.finfo(dtype).eps > np.finfo(np.float32).eps:
        raise GradcheckError(
            f"the checker needs float32 or float64 (float16's 11 bits cannot "
            f"tell a 1% bprop error from finite-difference error), got {dtype}"
        )
    a, r = TOLERANCES.get(dtype, TOLERANCES[np.dtype(np.float64)])
    return Tolerance(a if atol is None else atol, r if rtol is None else rtol)


def default_rel(dtype) -> float:
    """cbrt(eps): balances the truncation error (∝ h²) and the rounding error (∝ eps/h)."""
    return float(np.cbrt(np.finfo(dtype).eps))


def infer_domain(z: np.ndarray) -> str:
    """'nonnegative' when every entry is >= 0 (probabilities: never step across 0), else 'real'."""
    return "nonnegative" if np.size(z) and bool((np.asarray(z) >= 0).all()) else "real"


def steps(x: np.ndarray, rel: float | None = None, domain: str = "real") -> np.ndarray:
    """Central-difference step per entry, exactly representable (x ± h are exact sums).

    real:        h = rel · max(1, |x|)
    nonnegative: h = rel · x, relative near 0 so that x - h stays > 0; h = 0 at x = 0, where
                 the entry cannot be differenced both ways (the comparison leaves it unchecked)
    rel defaults to cbrt(eps) of x's dtype; relative steps are capped at 1/2.
    """
    if domain not in DOMAINS:
        raise GradcheckError(f"domain must be one of {', '.join(DOMAINS)}, got {domain!r}")
    rel = default_rel(x.dtype) if rel is None else rel
    if domain == "nonnegative":
        h = (min(rel, 0.5) * np.abs(x)).astype(x.dtype)
    else:
        h = (rel * np.maximum(1, np.abs(x))).astype(x.dtype)
    return ((x + h) - x).astype(x.dtype)
