"""Plain stochastic gradient descent."""

from __future__ import annotations

import numpy as np


class SGD:
    """p ← p - lr·g for each parameter p and its gradient g, in place.

    No state of its own: a checkpoint holds the epoch and the shuffling generator instead.
    """

    def __init__(self, lr: float) -> None:
        self.lr = lr

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        for p, g in zip(params, grads, strict=True):
            p -= self.lr * g  # a Python float keeps float32 arrays float32 (NEP 50)
