"""Seeded inputs, parameters, targets and incoming gradients for a three-way check."""

from __future__ import annotations

import numpy as np

from gradcheck.errors import GradcheckError

DOMAINS = ("normal", "probabilities", "log-probabilities")  # what a Spec.domain may name


def draw(domain: str, rng: np.random.Generator, b: int, n: int, dtype) -> np.ndarray:
    """A (B, N) batch of the domain's valid inputs; an unknown domain is an error."""
    if domain not in DOMAINS:
        raise GradcheckError(f"input domain must be one of {', '.join(DOMAINS)}, got {domain!r}")
    if domain == "normal":
        return module_input(rng, b, n, dtype)
    return criterion_input(domain, rng, b, n, dtype)


def domain_of(reference: str | None, default: str) -> str:
    """The registered built-in's Spec.domain, else default (a formula, a composite, none)."""
    from gradcheck.modules.registry import specs

    spec = specs().get(reference)
    return spec.domain if spec is not None else default


def module_input(rng: np.random.Generator, b: int, n: int, dtype) -> np.ndarray:
    """A (B, N) batch of N(0, 4) entries: both signs, some past tanh's knee."""
    return (rng.standard_normal((b, n)) * 2).astype(dtype)


def criterion_input(domain: str, rng: np.random.Generator, b: int, n: int, dtype) -> np.ndarray:
    """(B, N) probabilities away from 0, or their logs."""
    p = rng.dirichlet(np.ones(n) * 5, b) * 0.8 + 0.2 / n  # rows sum to 1, entries >= 0.2/N
    return (np.log(p) if domain == "log-probabilities" else p).astype(dtype)


def labels(rng: np.random.Generator, b: int, n: int) -> np.ndarray:
    """(B,) integer class labels: what a student's criterion is sure to accept."""
    return rng.integers(0, n, b)


def one_hot(t: np.ndarray, n: int) -> np.ndarray:
    """(B,) labels as (B, N) float64 rows."""
    return np.eye(n)[t]


def incoming(rng: np.random.Generator, shape: tuple[int, ...], dtype) -> np.ndarray:
    """A random incoming gradient, never all-ones (softmax maps all-ones to 0)."""
    return rng.standard_normal(shape).astype(dtype)
