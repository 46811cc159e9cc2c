import numpy as np


class Module:
    def __call__(self, *args):
        return self.forward(*args)


class LinearBiasNotSummed(Module):
    def __init__(self, in_features, out_features):
        bound = 1 / np.sqrt(in_features)
        self.W = np.random.uniform(-bound, bound, (out_features, in_features))
        self.b = np.random.uniform(-bound, bound, out_features)

    def forward(self, x):
        self.x = x
        return x @ self.W.T + self.b

    def backward(self, grad):
        self.dW = grad.T @ self.x
        self.db = grad                   # (batch, out): never summed over the batch
        return grad @ self.W


class LinearGradInOutLayout(Module):
    def __init__(self, in_features, out_features):
        bound = 1 / np.sqrt(in_features)
        self.W = np.random.uniform(-bound, bound, (out_features, in_features))
        self.b = np.zeros(out_features)

    def forward(self, x):
        self.x = x
        return x @ self.W.T + self.b

    def backward(self, grad):
        self.dW = self.x.T @ grad        # (in, out): the formula of an (in, out) weight
        self.db = grad.sum(axis=0)
        return grad @ self.W


class SoftmaxDiagonalOnly(Module):
    def forward(self, x):
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        self.out = e / e.sum(axis=-1, keepdims=True)
        return self.out

    def backward(self, grad):
        return grad * self.out * (1 - self.out)      # only the diagonal of the Jacobian


class TanhMissingSquare(Module):
    def forward(self, x):
        self.out = np.tanh(x)
        return self.out

    def backward(self, grad):
        return grad * (1 - self.out)


class LogSoftmaxWithLogProbs(Module):
    def forward(self, x):
        z = x - x.max(axis=-1, keepdims=True)
        self.out = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
        return self.out

    def backward(self, grad):
        return grad - self.out * grad.sum(axis=-1, keepdims=True)   # log p where p belongs


class CrossEntropyLossMeanGrad(Module):
    def forward(self, probs, target):
        self.probs, self.target = probs, target
        return -np.log(probs[np.arange(len(target)), target]).sum()

    def backward(self):
        grad = np.zeros_like(self.probs)
        idx = np.arange(len(self.target))
        grad[idx, self.target] = -1 / self.probs[idx, self.target]
        return grad / len(self.target)               # the gradient of the mean, not of the sum


class NLLLossPositive(Module):
    """Sign dropped in forward, backward consistent with it: minimising this maximises the loss."""

    def forward(self, logp, target):
        self.shape, self.target = logp.shape, target
        return logp[np.arange(len(target)), target].sum()

    def backward(self):
        grad = np.zeros(self.shape)
        grad[np.arange(len(self.target)), self.target] = 1
        return grad
