"""Seeded inputs, parameters, targets and incoming gradients for a three-way check."""

from __future__ import annotations

import numpy as np

from gradcheck.modules.domains import DOMAINS, draw
from gradcheck.modules.registry import domain_of

__all__ = ["DOMAINS", "domain_of", "draw", "incoming", "labels", "one_hot"]


def labels(rng: np.random.Generator, b: int, n: int) -> np.ndarray:
    """(B,) integer class labels: what a student's criterion is sure to accept."""
    return rng.integers(0, n, b)


def one_hot(t: np.ndarray, n: int) -> np.ndarray:
    """(B,) labels as (B, N) float64 rows."""
    return np.eye(n)[t]


def incoming(rng: np.random.Generator, shape: tuple[int, ...], dtype) -> np.ndarray:
    """A random incoming gradient, never all-ones (softmax maps all-ones to 0)."""
    return rng.standard_normal(shape).astype(dtype)
