"""LogSoftMax over each row, by the log-sum-exp trick."""

from __future__ import annotations

import numpy as np

from gradcheck.modules.module import Module
from gradcheck.modules.spec import Bug, Spec


class LogSoftMax(Module):
    """Row-wise log of the softmax.

    fprop: y_i = x_i - m - ln Σ_j exp(x_j - m),  m = max_j x_j
    bprop: z_i = v_i - s_i Σ_j v_j,  s = exp(y)   # v = grad_y
    """

    formula = "y_i = x_i - ln Σ_j exp(x_j)"

    def fprop(self, x: np.ndarray) -> np.ndarray:
        x = self._input(x)
        shifted = x - x.max(axis=1, keepdims=True)  # (B, N), max entry 0
        self.y = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # (B, N)
        return self.y

    def bprop(self, grad_y: np.ndarray) -> np.ndarray:
        y = self._output()  # (B, N), cached by fprop
        v = self._grad(grad_y, y)
        return v - np.exp(y) * v.sum(axis=1, keepdims=True)  # (B, N)


# Planted bugs: realistic mistakes the checks must catch, each with its expected triage.


class LogSoftMaxNoS(LogSoftMax):
    def bprop(self, grad_y):
        v = self._grad(grad_y, self.y)
        return v - v.sum(axis=1, keepdims=True)


class LogSoftMaxBatchSum(LogSoftMax):
    """Σ_j v_j taken over the batch axis: right for one-hot rows of one sample, wrong for a batch."""

    def bprop(self, grad_y):
        v = self._grad(grad_y, self.y)
        return v - np.exp(self.y) * v.sum(axis=0, keepdims=True)  # (B, N) - (1, N)


class LogSoftMaxSumOfLogs(LogSoftMax):
    """ln Σ exp(x) written as Σ ln exp(x) = Σ x: y = x - Σ_j x_j, bprop z = v - Σ_i v_i."""

    def fprop(self, x):
        x = self._input(x)
        self.y = x - x.sum(axis=1, keepdims=True)  # (B, N)
        return self.y

    def bprop(self, grad_y):
        v = self._grad(grad_y, self.y)
        return v - v.sum(axis=1, keepdims=True)  # (B, N)


class LogSoftMaxNoLSE(LogSoftMax):
    """Only the max-shift, the log-sum-exp forgotten: y = x - m; bprop takes m as a constant."""

    def fprop(self, x):
        x = self._input(x)
        self.y = x - x.max(axis=1, keepdims=True)  # (B, N)
        return self.y

    def bprop(self, grad_y):
        return self._grad(grad_y, self.y).copy()  # (B, N)


SPEC = Spec(
    LogSoftMax,
    derivation="gradcheck.derivations.log_softmax",
    facts=("each row sums to 0",),
    bugs=(
        Bug("log-softmax-no-s", "bprop forgets s: z = v - Σ_j v_j", LogSoftMaxNoS),
        Bug(
            "log-softmax-batch-sum",
            "Σ_j v_j over the batch axis (axis 0): one-hot rows of one sample cannot see it",
            LogSoftMaxBatchSum,
        ),
        Bug(
            "log-softmax-sum-of-logs",
            "ln Σ exp(x) written Σ ln exp(x): y = x - Σ x, bprop to match",
            LogSoftMaxSumOfLogs,
            "fprop",
        ),
        Bug(
            "log-softmax-no-lse",
            "log-sum-exp forgotten (y = x - max x), bprop takes the max as a constant",
            LogSoftMaxNoLSE,
            "all",
        ),
    ),
    aliases=("logsoftmax", "logsoftmaxlayer", "mylogsoftmax"),
    hint="exp overflows without the max shift (log-sum-exp, 4a)",
)
