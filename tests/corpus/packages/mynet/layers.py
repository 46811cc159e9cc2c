import numpy as np

from .base import Layer


class Linear(Layer):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.W = np.random.randn(n_in, n_out) * np.sqrt(2 / (n_in + n_out))
        self.b = np.zeros(n_out)
        self.grad_W = np.zeros_like(self.W)
        self.grad_b = np.zeros_like(self.b)
        self.params = [self.W, self.b]
        self.grads = [self.grad_W, self.grad_b]

    def fprop(self, x):
        self.x = x
        return x @ self.W + self.b

    def bprop(self, dy):
        self.grad_W[...] = self.x.T @ dy       # in place: self.grads keeps pointing at them
        self.grad_b[...] = dy.sum(axis=0)
        return dy @ self.W.T


class Tanh(Layer):
    def fprop(self, x):
        self.y = np.tanh(x)
        return self.y

    def bprop(self, dy):
        return dy * (1 - self.y ** 2)


class SoftMax(Layer):
    def fprop(self, x):
        e = np.exp(x - x.max(axis=1, keepdims=True))
        self.y = e / e.sum(axis=1, keepdims=True)
        return self.y

    def bprop(self, dy):
        return self.y * (dy - (dy * self.y).sum(axis=1, keepdims=True))


class LogSoftMax(Layer):
    def fprop(self, x):
        z = x - x.max(axis=1, keepdims=True)
        self.y = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return self.y

    def bprop(self, dy):
        return dy - np.exp(self.y) * dy.sum(axis=1, keepdims=True)
