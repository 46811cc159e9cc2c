"""Row-wise layers as a student writes them: each row of the batch on its own."""

import numpy as np


class L2Normalize:
    """y = x / ||x|| per row; bprop (v - y (y·v)) / ||x||."""

    def fprop(self, x):
        self.norm = np.sqrt((x ** 2).sum(axis=1, keepdims=True))
        self.y = x / self.norm
        return self.y

    def bprop(self, v):
        return (v - self.y * (self.y * v).sum(axis=1, keepdims=True)) / self.norm


class L2NormalizeNoProjection:
    """bprop v / ||x||: the projection term y (y·v) forgotten."""

    def fprop(self, x):
        self.norm = np.sqrt((x ** 2).sum(axis=1, keepdims=True))
        self.y = x / self.norm
        return self.y

    def bprop(self, v):
        return v / self.norm


class Center:
    """y = x - mean(x) per row; the Jacobian I - 1/N is symmetric, its rows sum to 0."""

    def forward(self, x):
        return x - x.mean(axis=1, keepdims=True)

    def backward(self, grad):
        return grad - grad.mean(axis=1, keepdims=True)


class StudentSoftmax:
    def forward(self, x):
        e = np.exp(x - x.max(axis=1, keepdims=True))
        self.s = e / e.sum(axis=1, keepdims=True)
        return self.s

    def backward(self, grad):
        return self.s * (grad - (grad * self.s).sum(axis=1, keepdims=True))


class CenterNoMean:
    """backward returns grad as it came: the mean's own gradient forgotten."""

    def forward(self, x):
        return x - x.mean(axis=1, keepdims=True)

    def backward(self, grad):
        return grad
