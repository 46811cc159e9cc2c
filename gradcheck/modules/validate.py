"""Input checks shared by both bases (Module, Criterion): one GradcheckError line each."""

from __future__ import annotations

import numpy as np

from gradcheck.errors import GradcheckError


def shape_str(shape) -> str:
    """A shape as numpy prints it: (2, 3), (2,)."""
    return str(tuple(int(n) for n in shape))


def batch(name: str, x, n: int | None = None, finite: bool = True) -> np.ndarray:
    """x as a floating (B, N) array, or a GradcheckError naming expected and actual."""
    if not isinstance(x, np.ndarray):
        raise GradcheckError(f"{name}.fprop expects a numpy array, got {type(x).__name__}")
    if x.ndim != 2 or (n is not None and x.shape[1] != n):
        want = f"(B, {n})" if n is not None else "(B, N)"
        raise GradcheckError(f"{name}.fprop expects shape {want}, got {shape_str(x.shape)}")
    if x.dtype.kind != "f":
        raise GradcheckError(f"{name}.fprop expects a float array, got dtype {x.dtype}")
    if finite and not np.isfinite(x).all():
        raise GradcheckError(f"{name}.fprop expects finite input, got {_bad(x)}")
    return x


def cached(name: str, value):
    """What fprop cached for bprop, or a GradcheckError: bprop called before fprop."""
    if value is None:
        raise GradcheckError(f"{name}.bprop called before fprop: nothing is cached")
    return value


def _bad(x: np.ndarray) -> str:
    """Describe the first non-finite entry of x."""
    idx = tuple(int(i) for i in np.argwhere(~np.isfinite(x))[0])
    return f"{x[idx]} at {idx}"
