"""Tolerances of the three-way check: one for the exact pair, one for pairs with FD.

bprop against the symbolic Jacobian is exact up to rounding; anything against finite
differences carries the step's truncation and rounding errors. In float64 the checker's
default covers both. In float32, FD with h = cbrt(eps)·max(1, |x|) is good only to ~1e-2
(CrossEntropy at z ≈ 0.03: (h/z)²/3 ≈ 7e-3), while bprop is good to ~1e-6: the exact pair keeps a
tolerance that a 1% error in bprop cannot pass. Worst measured, 20 seeds × every built-in:
bprop vs symbolic 2e-7, FD pairs 6e-4 (tests/threeway/test_threeway_builtins.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gradcheck.checker.stepsize import Tolerance, tolerance
from gradcheck.errors import GradcheckError

DTYPES = ("float64", "float32")
FLOAT32_EXACT = Tolerance(atol=1e-5, rtol=1e-4)


@dataclass(frozen=True)
class Tolerances:
    exact: Tolerance  # bprop against the symbolic Jacobian
    fd: Tolerance  # finite differences against either


def dtype_of(name) -> np.dtype:
    """'float64' or 'float32' as a numpy dtype, or a GradcheckError."""
    if str(name) not in DTYPES:
        raise GradcheckError(f"dtype must be one of {', '.join(DTYPES)}, got {name!r}")
    return np.dtype(str(name))


def tolerances_for(dtype) -> Tolerances:
    fd = tolerance(dtype)
    return Tolerances(FLOAT32_EXACT if np.dtype(dtype) == np.float32 else fd, fd)
