"""Seeded random instances of every built-in, at random sizes (2-6)."""

import numpy as np

from gradcheck.modules import (
    CrossEntropy,
    CrossEntropyLog,
    Linear,
    LogSoftMax,
    ReLU,
    Sequential,
    SoftMax,
    Tanh,
)

LAYER_NAMES = ["Linear", "Tanh", "ReLU", "SoftMax", "LogSoftMax"]
CRITERION_NAMES = ["CrossEntropy", "CrossEntropyLog"]


def make_layer(name: str, n: int, rng, dtype=np.float64):
    if name == "Linear":
        return Linear(n, int(rng.integers(2, 7)), rng=rng, dtype=dtype)
    return {"Tanh": Tanh, "ReLU": ReLU, "SoftMax": SoftMax, "LogSoftMax": LogSoftMax}[name]()


def make_criterion(name: str):
    return {"CrossEntropy": CrossEntropy, "CrossEntropyLog": CrossEntropyLog}[name]()


def criterion_input(name: str, b: int, n: int, rng, dtype=np.float64):
    """Probabilities for CrossEntropy, log-probabilities for CrossEntropyLog (away from 0)."""
    p = rng.dirichlet(np.ones(n) * 5, b) * 0.8 + 0.2 / n
    return (p if name == "CrossEntropy" else np.log(p)).astype(dtype)


def make_network(rng, dtype=np.float64):
    return Sequential(
        Linear(5, 6, rng=rng, dtype=dtype), Tanh(), Linear(6, 4, rng=rng, dtype=dtype), SoftMax()
    )
