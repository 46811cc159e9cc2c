"""My little torch: Linear stores weight as (out_features, in_features) like torch.nn.Linear."""
import numpy as np


class Module:
    def __call__(self, *args):
        return self.forward(*args)


class Linear(Module):
    def __init__(self, in_features, out_features):
        bound = 1 / np.sqrt(in_features)
        self.W = np.random.uniform(-bound, bound, (out_features, in_features))
        self.b = np.random.uniform(-bound, bound, out_features)
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)

    def forward(self, x):
        self.x = x                       # (batch, in)
        return x @ self.W.T + self.b     # (batch, out)

    def backward(self, grad):
        self.dW = grad.T @ self.x        # (out, in)
        self.db = grad.sum(axis=0)       # (out,)
        return grad @ self.W             # (batch, in)


class ReLU(Module):
    def forward(self, x):
        self.mask = x > 0
        return np.where(self.mask, x, 0.0)

    def backward(self, grad):
        return np.where(self.mask, grad, 0.0)


class Sigmoid(Module):
    def forward(self, x):
        self.out = 1 / (1 + np.exp(-x))
        return self.out

    def backward(self, grad):
        return grad * self.out * (1 - self.out)


class Tanh(Module):
    def forward(self, x):
        self.out = np.tanh(x)
        return self.out

    def backward(self, grad):
        return grad * (1 - self.out ** 2)


class Softmax(Module):
    def forward(self, x):
        z = x - x.max(axis=-1, keepdims=True)
        e = np.exp(z)
        self.out = e / e.sum(axis=-1, keepdims=True)
        return self.out

    def backward(self, grad):
        s = self.out
        return s * (grad - (grad * s).sum(axis=-1, keepdims=True))


class LogSoftmax(Module):
    def forward(self, x):
        z = x - x.max(axis=-1, keepdims=True)
        self.out = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
        return self.out

    def backward(self, grad):
        return grad - np.exp(self.out) * grad.sum(axis=-1, keepdims=True)


class CrossEntropyLoss(Module):
    """-sum over the batch of log p[target]; input: probabilities (after Softmax)."""

    def forward(self, probs, target):
        self.probs, self.target = probs, target
        idx = np.arange(len(target))
        return -np.log(probs[idx, target]).sum()

    def backward(self):
        grad = np.zeros_like(self.probs)
        idx = np.arange(len(self.target))
        grad[idx, self.target] = -1 / self.probs[idx, self.target]
        return grad


class NLLLoss(Module):
    """-sum over the batch of logp[target]; input: log-probabilities (after LogSoftmax)."""

    def forward(self, logp, target):
        self.shape, self.target = logp.shape, target
        return -logp[np.arange(len(target)), target].sum()

    def backward(self):
        grad = np.zeros(self.shape)
        grad[np.arange(len(self.target)), self.target] = -1
        return grad
