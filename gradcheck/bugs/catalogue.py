"""The catalogue: one entry per planted bug, with the sizes it needs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gradcheck.bugs import criteria, layers


@dataclass(frozen=True)
class Bug:
    """A broken variant of a built-in module, and what is wrong with it."""

    key: str
    module_name: str  # the built-in it pretends to be
    description: str
    make: Callable  # make(n, rng) -> module instance (Linear variants are n -> n)
    triage: str = "bprop"  # which of fprop/bprop/symbolic is wrong


BUGS: tuple[Bug, ...] = (
    Bug("softmax-no-vs", "SoftMax", "bprop forgets the v·s term: z = s ⊙ v",
        lambda n, rng: layers.SoftMaxNoDot()),
    Bug("softmax-sign", "SoftMax", "bprop with the sign flipped: z = s ⊙ (v·s - v)",
        lambda n, rng: layers.SoftMaxSign()),
    Bug("log-softmax-no-s", "LogSoftMax", "bprop forgets s: z = v - Σ_j v_j",
        lambda n, rng: layers.LogSoftMaxNoS()),
    Bug("tanh-x", "Tanh", "bprop uses the input: 1 - x² instead of 1 - y²",
        lambda n, rng: layers.TanhOfX()),
    Bug("tanh-plus", "Tanh", "bprop with a plus sign: 1 + y²",
        lambda n, rng: layers.TanhPlus()),
    Bug("relu-identity", "ReLU", "bprop passes every gradient through",
        lambda n, rng: layers.ReLUIdentity()),
    Bug("linear-transposed", "Linear", "weight gradient transposed: grad_W = gᵀ x",
        lambda n, rng: layers.LinearTransposed(n, n, rng=rng)),
    Bug("linear-no-batch-sum", "Linear", "grad_b of the first row only, not summed over the batch",
        lambda n, rng: layers.LinearFirstRowBias(n, n, rng=rng)),
    Bug("linear-accumulate", "Linear", "grad_W accumulated (+=) instead of overwritten",
        lambda n, rng: layers.LinearAccumulate(n, n, rng=rng)),
    Bug("linear-grad-x-untransposed", "Linear", "input gradient g W instead of g Wᵀ",
        lambda n, rng: layers.LinearUntransposed(n, n, rng=rng)),
    Bug("cross-entropy-sign", "CrossEntropy", "gradient without its minus sign: t / z",
        lambda n, rng: criteria.CrossEntropySign()),
    Bug("cross-entropy-sum", "CrossEntropy", "gradient of the summed cost while fprop is the mean",
        lambda n, rng: criteria.CrossEntropySum()),
    Bug("cross-entropy-log-sign", "CrossEntropyLog", "gradient without its minus sign: t",
        lambda n, rng: criteria.CrossEntropyLogSign()),
    Bug("log-softmax-batch-sum", "LogSoftMax",
        "Σ_j v_j over the batch axis (axis 0): one-hot rows of one sample cannot see it",
        lambda n, rng: layers.LogSoftMaxBatchSum()),
    Bug("softmax-batch-dot", "SoftMax", "v·s summed over the whole batch, not per row",
        lambda n, rng: layers.SoftMaxBatchDot()),
    Bug("tanh-one-minus-y", "Tanh", "bprop 1 - y instead of 1 - y²",
        lambda n, rng: layers.TanhOneMinusY()),
    Bug("cross-entropy-no-mean", "CrossEntropy", "bprop -t / z, without the 1/B of the mean",
        lambda n, rng: criteria.CrossEntropyNoMean()),
    Bug("linear-bias-mean", "Linear", "grad_b the mean over the batch, not the sum",
        lambda n, rng: layers.LinearBiasMean(n, n, rng=rng)),
)
