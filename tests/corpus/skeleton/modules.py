# Exercise sheet 2-4: my modules, written into the skeleton handed out with the sheet.
import abc

import numpy as np


class NNModule:
    """Interface of every module of the exercise."""
    __metaclass__ = abc.ABCMeta

    @abc.abstractmethod
    def fprop(self, input):
        """Forward pass: returns the output for `input`."""

    @abc.abstractmethod
    def bprop(self, grad_out):
        """Backward pass: gradient w.r.t. the input, given the gradient w.r.t. the output."""

    @abc.abstractmethod
    def get_grad_param(self, grad_out):
        """Gradients w.r.t. the parameters, summed over the batch."""

    @abc.abstractmethod
    def apply_parameter_update(self, acc_grad_para, up_fun):
        """Update the parameters with up_fun(param, grad)."""

    @abc.abstractmethod
    def initialize_parameter(self):
        """Set the initial parameter values."""


class NNModuleParaFree(NNModule):
    """A module without parameters."""
    __metaclass__ = abc.ABCMeta

    def initialize_parameter(self):
        pass

    def get_grad_param(self, grad_out):
        return None

    def apply_parameter_update(self, acc_grad_para, up_fun):
        pass


class LossModule(NNModule):
    """A loss: needs the targets before fprop."""
    __metaclass__ = abc.ABCMeta

    def set_targets(self, t):
        # t: class labels of the batch, shape (sz_batch,)
        self.t = t

    def initialize_parameter(self):
        pass

    def get_grad_param(self, grad_out):
        return None

    def apply_parameter_update(self, acc_grad_para, up_fun):
        pass


# ---- Task 2a ----
class Linear(NNModule):
    """Fully connected layer, out = input W + b."""

    def __init__(self, n_in, n_out):
        self.n_in = n_in
        self.n_out = n_out
        self.W = None      # (n_in, n_out), set by initialize_parameter
        self.b = None      # (1, n_out)
        self.input_cache = None

    def initialize_parameter(self):
        std = np.sqrt(2.0 / (self.n_in + self.n_out))   # Glorot
        self.W = std * np.random.randn(self.n_in, self.n_out)
        self.b = np.zeros((1, self.n_out))

    def fprop(self, input):
        self.input_cache = input.copy()
        return input.dot(self.W) + self.b

    def bprop(self, grad_out):
        return grad_out.dot(self.W.T)

    def get_grad_param(self, grad_out):
        dW = self.input_cache.T.dot(grad_out)
        db = grad_out.sum(axis=0)
        return dW, db

    def apply_parameter_update(self, acc_grad_para, up_fun):
        self.W = up_fun(self.W, acc_grad_para[0])
        self.b = up_fun(self.b, acc_grad_para[1])


# ---- Task 2b ----
class Softmax(NNModuleParaFree):
    """Softmax over the classes of every sample."""

    def __init__(self):
        self.out_cache = None

    def fprop(self, input):
        shifted = (input.T - input.max(axis=1)).T   # 4a: shift by the max against overflow
        e = np.exp(shifted)
        self.out_cache = (e.T / e.sum(axis=1)).T
        return self.out_cache

    def bprop(self, grad_out):
        s = self.out_cache
        n_batch = grad_out.shape[0]
        dot = np.zeros(n_batch)
        for n in range(n_batch):
            dot[n] = grad_out[n].dot(s[n])
        return s * (grad_out - dot[:, None])


# ---- Task 2c ----
class CrossEntropyLoss(LossModule):
    """Cross-entropy of the predicted probabilities, one value per sample."""

    def __init__(self):
        self.input_cache = None

    def fprop(self, input):
        self.input_cache = input
        rows = np.arange(input.shape[0])
        return -np.log(input[rows, self.t])

    def bprop(self, grad_out):
        # grad_out: (sz_batch,), the gradient w.r.t. each sample's loss
        rows = np.arange(self.input_cache.shape[0])
        grad = np.zeros(self.input_cache.shape)
        grad[rows, self.t] = -1.0 / self.input_cache[rows, self.t]
        return grad * grad_out[:, np.newaxis]


# ---- Task 3b ----
class Tanh(NNModuleParaFree):
    """tanh non-linearity."""

    def __init__(self):
        self.out_cache = None

    def fprop(self, input):
        self.out_cache = np.tanh(input)
        return self.out_cache

    def bprop(self, grad_out):
        return grad_out * (1.0 - self.out_cache ** 2)


class ReLU(NNModuleParaFree):
    """max(0, x) (used in 3c to compare with tanh)."""

    def __init__(self):
        self.input_cache = None

    def fprop(self, input):
        self.input_cache = input.copy()
        return np.maximum(0, input)

    def bprop(self, grad_out):
        return grad_out * (self.input_cache > 0)


# ---- Task 4e ----
class LogSoftmax(NNModuleParaFree):
    """log of the softmax, computed without exp overflow."""

    def __init__(self):
        self.out_cache = None

    def fprop(self, input):
        shifted = input - input.max(axis=1, keepdims=True)
        self.out_cache = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        return self.out_cache

    def bprop(self, grad_out):
        softmax = np.exp(self.out_cache)
        return grad_out - softmax * grad_out.sum(axis=1, keepdims=True)


class LogCrossEntropyLoss(LossModule):
    """Cross-entropy on log-probabilities (the output of LogSoftmax), one value per sample."""

    def __init__(self):
        self.shape = None

    def fprop(self, input):
        self.shape = input.shape
        return -input[np.arange(input.shape[0]), self.t]

    def bprop(self, grad_out):
        grad = np.zeros(self.shape)
        grad[np.arange(self.shape[0]), self.t] = -1.0
        return grad * grad_out[:, np.newaxis]
