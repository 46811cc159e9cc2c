# Exercise 2, "start with single-sample computation": x is one sample, a vector of shape (N,).
import numpy as np


class Linear:
    def __init__(self, n_in, n_out):
        self.W = np.random.randn(n_out, n_in) / np.sqrt(n_in)   # y = W x + b
        self.b = np.zeros(n_out)

    def forward(self, x):
        self.x = x
        return self.W @ x + self.b

    def backward(self, dy):
        self.dW = np.outer(dy, self.x)
        self.db = dy.copy()
        return self.W.T @ dy


class Tanh:
    def forward(self, x):
        self.y = np.tanh(x)
        return self.y

    def backward(self, dy):
        return dy * (1 - self.y ** 2)


class Softmax:
    def forward(self, x):
        e = np.exp(x - np.max(x))
        self.s = e / np.sum(e)
        return self.s

    def backward(self, dy):
        s = self.s.reshape(-1, 1)
        jacobian = np.diagflat(s) - s @ s.T          # symmetric, so J^T dy = J dy
        return jacobian @ dy


class LogSoftmax:
    def forward(self, x):
        z = x - np.max(x)
        self.y = z - np.log(np.sum(np.exp(z)))
        return self.y

    def backward(self, dy):
        return dy - np.exp(self.y) * np.sum(dy)


class CrossEntropy:
    """One sample: p the probabilities (N,), label an int."""

    def forward(self, p, label):
        self.p, self.label = p, label
        return -np.log(p[label])

    def backward(self):
        grad = np.zeros_like(self.p)
        grad[self.label] = -1 / self.p[self.label]
        return grad


class CrossEntropyLog:
    """One sample: logp the log-probabilities (N,), label an int."""

    def forward(self, logp, label):
        self.n, self.label = len(logp), label
        return -logp[label]

    def backward(self):
        grad = np.zeros(self.n)
        grad[self.label] = -1.0
        return grad
