"""Broken layers: each overrides bprop with a mistake students really make."""

from __future__ import annotations

import numpy as np

from gradcheck.modules import Linear, LogSoftMax, ReLU, SoftMax, Tanh


class SoftMaxNoDot(SoftMax):
    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) * self.y


class SoftMaxSign(SoftMax):
    def bprop(self, grad_y):
        v, s = self._grad(grad_y, self.y), self.y
        return s * ((v * s).sum(axis=1, keepdims=True) - v)


class LogSoftMaxNoS(LogSoftMax):
    def bprop(self, grad_y):
        v = self._grad(grad_y, self.y)
        return v - v.sum(axis=1, keepdims=True)


class TanhOfX(Tanh):
    def fprop(self, x):
        self.x = x
        return super().fprop(x)

    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) * (1 - self.x**2)


class TanhPlus(Tanh):
    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) * (1 + self.y**2)


class ReLUIdentity(ReLU):
    def bprop(self, grad_y):
        return self._grad(grad_y, self.y).copy()


class LinearTransposed(Linear):
    def bprop(self, grad_y):
        grad_x = super().bprop(grad_y)
        self.grad_W[...] = grad_y.T @ self.x
        return grad_x


class LinearFirstRowBias(Linear):
    def bprop(self, grad_y):
        grad_x = super().bprop(grad_y)
        self.grad_b[...] = grad_y[0]
        return grad_x


class LinearAccumulate(Linear):
    def bprop(self, grad_y):
        old = self.grad_W.copy()
        grad_x = super().bprop(grad_y)
        self.grad_W += old
        return grad_x


class LinearUntransposed(Linear):
    def bprop(self, grad_y):
        super().bprop(grad_y)
        return grad_y @ self.W



class LogSoftMaxBatchSum(LogSoftMax):
    """Σ_j v_j taken over the batch axis: right for one-hot rows of one sample, wrong for a batch."""

    def bprop(self, grad_y):
        v = self._grad(grad_y, self.y)
        return v - np.exp(self.y) * v.sum(axis=0, keepdims=True)  # (B, N) - (1, N)


class SoftMaxBatchDot(SoftMax):
    """v·s summed over the whole batch, not per row."""

    def bprop(self, grad_y):
        v, s = self._grad(grad_y, self.y), self.y
        return s * (v - (v * s).sum())


class TanhOneMinusY(Tanh):
    """1 - y where 1 - y² was meant."""

    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) * (1 - self.y)


class LinearBiasMean(Linear):
    """grad_b the mean over the batch instead of the sum."""

    def bprop(self, grad_y):
        grad_x = super().bprop(grad_y)
        self.grad_b[...] = grad_y.mean(axis=0)
        return grad_x
