"""Where exp underflows to 0 and overflows to inf, found by numpy and checked against SymPy."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

DTYPES = (np.float32, np.float64)


def edge(dtype, hits, lo: float, hi: float) -> float:
    """The boundary between lo (hits false) and hi (hits true) of hits(exp(x)) in dtype.

    Bisection on float64 values of x, each rounded to dtype before exp, to 1e-9.
    """
    assert not hits(_exp(dtype, lo)) and hits(_exp(dtype, hi))
    while abs(hi - lo) > 1e-9:
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if hits(_exp(dtype, mid)) else (mid, hi)
    return hi


def _exp(dtype, x: float):
    with np.errstate(under="ignore", over="ignore"):
        return np.exp(dtype(x))


def underflow(dtype) -> float:
    """The x below which exp(x) is exactly 0 in dtype (numpy), about ln(smallest subnormal / 2)."""
    return edge(dtype, lambda e: e == 0, 0.0, -1e4)


def overflow(dtype) -> float:
    """The x above which exp(x) is inf in dtype (numpy), about ln(largest float)."""
    return edge(dtype, np.isinf, 0.0, 1e4)


def underflow_sympy(dtype) -> float:
    """ln(smallest subnormal / 2) by SymPy: below it, exp rounds to 0 (round to nearest)."""
    bits = -math.log2(float(np.finfo(dtype).smallest_subnormal)) + 1  # 150, 1075
    return float(sp.log(sp.Rational(1, 2) ** int(bits)).evalf(20))


def overflow_sympy(dtype) -> float:
    """ln(largest finite float) by SymPy: above it, exp overflows."""
    return float(sp.log(sp.Rational(int(np.finfo(dtype).max))).evalf(20))


def exp_at(dtype, x: float) -> float:
    """exp(x) in dtype, as a Python float (0.0 and inf included)."""
    return float(_exp(dtype, x))
