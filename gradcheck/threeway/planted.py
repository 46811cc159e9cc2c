"""Planted bugs that need the three-way triage: fprop wrong (with bprop consistent), or FD unreliable.

Each is a subclass of a real module whose fprop *and* bprop are those of a different function:
finite differences then agree with bprop, and only the symbolic Jacobian shows the mistake.
"""

from __future__ import annotations

import numpy as np

from gradcheck.modules import CrossEntropyLog, Linear, LogSoftMax, ReLU, SoftMax, Tanh


class TanhIsSigmoid(Tanh):
    """'tanh' written as the logistic sigmoid, and its derivative y (1 - y)."""

    def fprop(self, x):
        self.y = 1 / (1 + np.exp(-self._input(x)))  # (B, N)
        return self.y

    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) * self.y * (1 - self.y)  # (B, N)


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


class ReLULeaky(ReLU):
    """A leaky ReLU (slope 0.01 below 0), fprop and bprop, passed off as ReLU."""

    def fprop(self, x):
        self.x = self._input(x)
        self.y = np.where(self.x > 0, self.x, 0.01 * self.x)  # (B, N)
        return self.y

    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) * np.where(self.x > 0, 1, 0.01)  # (B, N)


class ReLUNoKinks(ReLU):
    """A correct ReLU that, like most students', does not declare its kink."""

    def kinks(self, x, h):
        return None


class SoftMaxNoShift(SoftMax):
    """Softmax without the max-shift: right on small inputs, inf/inf = NaN at large ones."""

    def fprop(self, x):
        e = np.exp(self._input(x))  # (B, N), overflows past x ≈ 709
        self.y = e / e.sum(axis=1, keepdims=True)
        return self.y


class LinearNoBias(Linear):
    """fprop forgets + b; bprop is right for y = x W + b."""

    def fprop(self, x):
        y = super().fprop(x)
        return y - self.b  # (B, n_out)


class CrossEntropyLogMeanAll(CrossEntropyLog):
    """The mean over all B·N entries instead of the sum over classes, consistently in bprop."""

    def fprop(self, z):
        return super().fprop(z) / z.shape[1]

    def _bprop(self):
        return super()._bprop() / self.z.shape[1]
