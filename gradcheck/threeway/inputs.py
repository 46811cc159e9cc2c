"""Seeded inputs, parameters, targets and incoming gradients for a three-way check."""

from __future__ import annotations

import numpy as np

from gradcheck.modules.domains import DOMAINS, Draw, draw

__all__ = ["DOMAINS", "domain_of", "draw", "incoming", "labels", "one_hot"]


def domain_of(reference: str | None, default: str) -> str | Draw:
    """The registered built-in's Spec.domain, else default (a formula, a composite, none)."""
    from gradcheck.modules.registry import specs

    spec = specs().get(reference) if reference else None
    return spec.domain if spec is not None else default


def labels(rng: np.random.Generator, b: int, n: int) -> np.ndarray:
    """(B,) integer class labels: what a student's criterion is sure to accept."""
    return rng.integers(0, n, b)


def one_hot(t: np.ndarray, n: int) -> np.ndarray:
    """(B,) labels as (B, N) float64 rows."""
    return np.eye(n)[t]


def incoming(rng: np.random.Generator, shape: tuple[int, ...], dtype) -> np.ndarray:
    """A random incoming gradient, never all-ones (softmax maps all-ones to 0)."""
    return rng.standard_normal(shape).astype(dtype)
