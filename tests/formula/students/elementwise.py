"""Elementwise layers as a student writes them: forward/backward, the output cached."""

import numpy as np


class Sigmoid:
    def forward(self, x):
        self.y = 1 / (1 + np.exp(-x))
        return self.y

    def backward(self, grad_y):
        return grad_y * self.y * (1 - self.y)


class SigmoidPlusSign:
    """bprop y(1 + y): a sign lost in the derivative."""

    def forward(self, x):
        self.y = 1 / (1 + np.exp(-x))
        return self.y

    def backward(self, grad_y):
        return grad_y * self.y * (1 + self.y)


class TanhCalledSigmoid:
    """fprop computes tanh, and bprop faithfully differentiates tanh: not the sigmoid."""

    def forward(self, x):
        self.y = np.tanh(x)
        return self.y

    def backward(self, grad_y):
        return grad_y * (1 - self.y ** 2)


class Softplus:
    def fprop(self, x):
        self.x = x
        return np.logaddexp(0, x)

    def bprop(self, v):
        return v / (1 + np.exp(-self.x))


class Mish:
    def fprop(self, x):
        self.x = x
        return x * np.tanh(np.logaddexp(0, x))

    def bprop(self, v):
        t = np.tanh(np.logaddexp(0, self.x))
        s = 1 / (1 + np.exp(-self.x))
        return v * (t + self.x * (1 - t ** 2) * s)


class Log:
    """Defined for x > 0 only: the inputs are the caller's to choose."""

    def fprop(self, x):
        self.x = x
        return np.log(x)

    def bprop(self, v):
        return v / self.x
