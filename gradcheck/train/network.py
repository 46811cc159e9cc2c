"""The network a Config describes: a Sequential model and its criterion."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gradcheck.modules import (
    Criterion,
    CrossEntropy,
    CrossEntropyLog,
    Linear,
    LogSoftMax,
    Sequential,
    SoftMax,
)
from gradcheck.modules.registry import activations
from gradcheck.train.config import Config


@dataclass(frozen=True, eq=False)
class Network:
    """model maps inputs (B, D) to (log-)probabilities (B, C); criterion gives the cost."""

    model: Sequential
    criterion: Criterion

    @property
    def params(self) -> list[np.ndarray]:
        return self.model.params

    @property
    def linears(self) -> list:
        """The model's Linear layers (a student's too), in order."""
        return [
            m
            for m in self.model.modules
            if isinstance(m, Linear) or getattr(m, "reference", None) == "Linear"
        ]

    def describe(self) -> str:
        """e.g. 'Linear(784, 10) → SoftMax → CrossEntropy'; a student's classes by name."""
        names = [repr(m) if isinstance(m, Linear) else m.name for m in self.model.modules]
        return " → ".join([*names, self.criterion.name])


def seeded_rngs(seed: int) -> tuple[np.random.Generator, np.random.Generator]:
    """Independent generators for the weights' init and the per-epoch shuffling."""
    init, shuffle = np.random.SeedSequence(seed).spawn(2)
    return np.random.default_rng(init), np.random.default_rng(shuffle)


def build_network(config: Config, n_in: int, n_classes: int) -> Network:
    """Linear [→ activation → Linear] → SoftMax or LogSoftMax, and the matching criterion.

    The first Linear skips its input gradient: nothing upstream needs it.
    """
    rng, _ = seeded_rngs(config.seed)
    kw = {"init": config.init, "rng": rng, "dtype": np.dtype(config.dtype)}
    if config.hidden:
        layers = [
            Linear(n_in, config.hidden, requires_input_grad=False, **kw),
            activations()[config.activation].cls(),
            Linear(config.hidden, n_classes, **kw),
        ]
    else:
        layers = [Linear(n_in, n_classes, requires_input_grad=False, **kw)]
    if config.stable:
        return Network(Sequential(*layers, LogSoftMax()), CrossEntropyLog())
    return Network(Sequential(*layers, SoftMax()), CrossEntropy())
