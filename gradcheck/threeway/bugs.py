"""The whole catalogue of planted bugs: the lead's bprop bugs, plus those that need triage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gradcheck.bugs import BUGS, Bug
from gradcheck.modules import Tanh
from gradcheck.threeway import planted
from gradcheck.threeway.inputs import module_input


@dataclass(frozen=True)
class Planted(Bug):
    """A bug that shows only under given conditions: a dtype, a step, an input."""

    dtype: str = "float64"
    step: float | None = None  # relative finite-difference step; None: cbrt(eps)
    inputs: Callable | None = None  # inputs(rng, b, n, dtype) -> x; None: seeded normal


def near_kink(rng, b: int, n: int, dtype) -> np.ndarray:
    """Random inputs, except column 0 at a third of a finite-difference step above 0."""
    x = module_input(rng, b, n, dtype)
    x[:, 0] = np.cbrt(np.finfo(dtype).eps) / 3
    return x


EXTRA: tuple[Planted, ...] = (
    Planted("tanh-is-sigmoid", "Tanh", "fprop and bprop are the logistic sigmoid's",
            lambda n, rng: planted.TanhIsSigmoid(), "fprop"),
    Planted("log-softmax-sum-of-logs", "LogSoftMax",
            "ln Σ exp(x) written Σ ln exp(x): y = x - Σ x, bprop to match",
            lambda n, rng: planted.LogSoftMaxSumOfLogs(), "fprop"),
    Planted("relu-leaky", "ReLU", "a leaky ReLU (slope 0.01), fprop and bprop",
            lambda n, rng: planted.ReLULeaky(), "fprop"),
    Planted("cross-entropy-log-mean-all", "CrossEntropyLog",
            "mean over all B·N entries, not the sum over classes, in fprop and bprop",
            lambda n, rng: planted.CrossEntropyLogMeanAll(), "fprop"),
    Planted("linear-fprop-no-bias", "Linear", "fprop forgets + b; bprop is right",
            lambda n, rng: planted.LinearNoBias(n, n, rng=rng), "fprop-only"),
    Planted("log-softmax-no-lse", "LogSoftMax",
            "log-sum-exp forgotten (y = x - max x), bprop takes the max as a constant",
            lambda n, rng: planted.LogSoftMaxNoLSE(), "all"),
    Planted("softmax-no-shift", "SoftMax", "no max-shift: exp overflows at large inputs",
            lambda n, rng: planted.SoftMaxNoShift(), "unstable"),
)

# Correct modules under conditions that fool a single central difference. They used to be
# reported as "finite differences unreliable" (FAIL); a correct module never gets FAIL, so now
# they PASS: the kink is found by the one-sided quotients at smaller steps, and where no step
# decides, the verdict rests on the symbolic Jacobian, with a note (checker/ladder.py).
TRAPS: tuple[Planted, ...] = (
    Planted("relu-near-kink", "ReLU",
            "correct, but inputs within a step of the kink and no kinks() to say so",
            lambda n, rng: planted.ReLUNoKinks(), "ok", inputs=near_kink),
    Planted("tanh-float32-tiny-step", "Tanh",
            "correct, but float32 with a step of 1e-7, an ulp or two: rounding swamps it",
            lambda n, rng: Tanh(), "ok", dtype="float32", step=1e-7),
)

ALL: tuple[Bug, ...] = BUGS + EXTRA
