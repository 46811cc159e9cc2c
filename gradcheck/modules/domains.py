"""How a built-in's valid inputs are drawn (its Spec.domain): a name here, or a function.

A module whose inputs are restricted (ln x wants x > 0) gives its own draw(rng, b, n, dtype)
in its file, and nothing else changes.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.modules.validate import shape_str

Draw = Callable[[np.random.Generator, int, int, np.dtype], np.ndarray]


def normal(rng: np.random.Generator, b: int, n: int, dtype) -> np.ndarray:
    """A (B, N) batch of N(0, 4) entries: both signs, some past tanh's knee."""
    return (rng.standard_normal((b, n)) * 2).astype(dtype)


def probabilities(rng: np.random.Generator, b: int, n: int, dtype) -> np.ndarray:
    """(B, N) rows that sum to 1, entries at least 0.2/N (away from ln 0)."""
    p = rng.dirichlet(np.ones(n) * 5, b) * 0.8 + 0.2 / n  # (B, N)
    return p.astype(dtype)


def log_probabilities(rng: np.random.Generator, b: int, n: int, dtype) -> np.ndarray:
    """(B, N) logs of probabilities() rows."""
    return np.log(probabilities(rng, b, n, np.float64)).astype(dtype)


DOMAINS: dict[str, Draw] = {  # what a Spec.domain may name
    "normal": normal,
    "probabilities": probabilities,
    "log-probabilities": log_probabilities,
}


def draw(domain: str | Draw, rng: np.random.Generator, b: int, n: int, dtype) -> np.ndarray:
    """A (B, N) batch of the domain's valid inputs; an unknown domain, or a draw function that
    returns something else than finite (B, N) floats, is one GradcheckError line."""
    if callable(domain):
        x = domain(rng, b, n, np.dtype(dtype))
        name = getattr(domain, "__name__", "draw")
        if not isinstance(x, np.ndarray) or x.shape != (b, n) or x.dtype.kind != "f":
            got = (
                f"{x.dtype} of shape {shape_str(x.shape)}"
                if isinstance(x, np.ndarray)
                else (type(x).__name__)
            )
            raise GradcheckError(f"input domain {name}() must return ({b}, {n}) floats, got {got}")
        if not np.isfinite(x).all():
            raise GradcheckError(
                f"input domain {name}() must return finite inputs, got a non-finite entry"
            )
        return x.astype(dtype, copy=False)
    if domain not in DOMAINS:
        raise GradcheckError(
            f"input domain must be one of {', '.join(DOMAINS)} or a draw function, got {domain!r}"
        )
    return DOMAINS[domain](rng, b, n, dtype)
