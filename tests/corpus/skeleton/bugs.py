# Wrong solutions to the skeleton, as they come in: one mistake per class.
import abc

import numpy as np


class NNModule:
    __metaclass__ = abc.ABCMeta

    @abc.abstractmethod
    def fprop(self, input):
        return

    @abc.abstractmethod
    def bprop(self, grad_out):
        return

    @abc.abstractmethod
    def get_grad_param(self, grad_out):
        return

    @abc.abstractmethod
    def apply_parameter_update(self, acc_grad_para, up_fun):
        return

    @abc.abstractmethod
    def initialize_parameter(self):
        return


class NNModuleParaFree(NNModule):
    __metaclass__ = abc.ABCMeta

    def initialize_parameter(self):
        return

    def get_grad_param(self, grad_out):
        return None

    def apply_parameter_update(self, acc_grad_para, up_fun):
        return


class LossModule(NNModule):
    __metaclass__ = abc.ABCMeta

    def set_targets(self, t):
        self.t = t

    def initialize_parameter(self):
        return

    def get_grad_param(self, grad_out):
        return None

    def apply_parameter_update(self, acc_grad_para, up_fun):
        return


class LinearTransposedGradW(NNModule):
    def __init__(self, n_in, n_out):
        self.n_in, self.n_out = n_in, n_out
        self.W = self.b = None

    def initialize_parameter(self):
        self.W = np.random.normal(0, np.sqrt(2.0 / (self.n_in + self.n_out)), (self.n_in, self.n_out))
        self.b = np.zeros((1, self.n_out))

    def fprop(self, input):
        self.x = input.copy()
        return input @ self.W + self.b

    def bprop(self, grad_out):
        return grad_out @ self.W.T

    def get_grad_param(self, grad_out):
        return grad_out.T @ self.x, grad_out.sum(axis=0)     # (n_out, n_in): transposed

    def apply_parameter_update(self, acc_grad_para, up_fun):
        self.W = up_fun(self.W, acc_grad_para[0])
        self.b = up_fun(self.b, acc_grad_para[1])


class LinearBiasMean(NNModule):
    def __init__(self, n_in, n_out):
        self.n_in, self.n_out = n_in, n_out
        self.W = self.b = None

    def initialize_parameter(self):
        self.W = np.random.normal(0, np.sqrt(2.0 / (self.n_in + self.n_out)), (self.n_in, self.n_out))
        self.b = np.zeros((1, self.n_out))

    def fprop(self, input):
        self.x = input.copy()
        return input @ self.W + self.b

    def bprop(self, grad_out):
        return grad_out @ self.W.T

    def get_grad_param(self, grad_out):
        return self.x.T @ grad_out, grad_out.mean(axis=0)    # mean instead of sum

    def apply_parameter_update(self, acc_grad_para, up_fun):
        self.W = up_fun(self.W, acc_grad_para[0])
        self.b = up_fun(self.b, acc_grad_para[1])


class LinearAccumulates(NNModule):
    """Sums the gradients into dW, db at every bprop; nothing ever sets them back to zero."""

    def __init__(self, n_in, n_out):
        self.n_in, self.n_out = n_in, n_out
        self.W = self.b = None

    def initialize_parameter(self):
        self.W = np.random.normal(0, np.sqrt(2.0 / (self.n_in + self.n_out)), (self.n_in, self.n_out))
        self.b = np.zeros((1, self.n_out))
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)

    def fprop(self, input):
        self.x = input.copy()
        return input @ self.W + self.b

    def bprop(self, grad_out):
        self.dW += self.x.T @ grad_out
        self.db += grad_out.sum(axis=0, keepdims=True)
        return grad_out @ self.W.T

    def get_grad_param(self, grad_out):
        return self.dW, self.db

    def apply_parameter_update(self, acc_grad_para, up_fun):
        self.W = up_fun(self.W, acc_grad_para[0])
        self.b = up_fun(self.b, acc_grad_para[1])


class SoftmaxNoVS(NNModuleParaFree):
    def fprop(self, input):
        e = np.exp(input - input.max(axis=1, keepdims=True))
        self.s = e / e.sum(axis=1, keepdims=True)
        return self.s

    def bprop(self, grad_out):
        return self.s * grad_out      # the - (v . s) term is missing


class SoftmaxNoMaxShift(NNModuleParaFree):
    def fprop(self, input):
        e = np.exp(input)             # no max-shift: overflows for large inputs
        self.s = e / e.sum(axis=1, keepdims=True)
        return self.s

    def bprop(self, grad_out):
        vs = (grad_out * self.s).sum(axis=1, keepdims=True)
        return self.s * (grad_out - vs)


class TanhOneMinusXSquared(NNModuleParaFree):
    def fprop(self, input):
        self.x = input.copy()
        return np.tanh(input)

    def bprop(self, grad_out):
        return grad_out * (1 - self.x ** 2)     # 1 - x^2 instead of 1 - y^2


class CrossEntropyLossFused(LossModule):
    """bprop returns p - t: the gradient w.r.t. the logits of softmax + cross-entropy."""

    def fprop(self, input):
        self.p = np.array(input)
        self.n, self.k = input.shape
        return -np.log(input[np.arange(self.n), self.t])

    def bprop(self, grad_out):
        one_hot = np.zeros_like(self.p)
        one_hot[np.arange(self.n), self.t] = 1
        return (self.p - one_hot) * grad_out[:, None]


class CrossEntropyLossIgnoresGradOut(LossModule):
    def fprop(self, input):
        self.p = np.array(input)
        return -np.log(input[np.arange(input.shape[0]), self.t])

    def bprop(self, grad_out):
        grad = np.zeros_like(self.p)
        rows = np.arange(self.p.shape[0])
        grad[rows, self.t] = -1 / self.p[rows, self.t]
        return grad                     # grad_out is never multiplied in


class CrossEntropyLossDividedByBatch(LossModule):
    """Per-sample losses already divided by the batch size (the trainer averages again)."""

    def fprop(self, input):
        self.p = np.array(input)
        n = input.shape[0]
        return -np.log(input[np.arange(n), self.t]) / n

    def bprop(self, grad_out):
        n = self.p.shape[0]
        grad = np.zeros_like(self.p)
        grad[np.arange(n), self.t] = -1 / (n * self.p[np.arange(n), self.t])
        return grad * grad_out[:, None]


class LogSoftmaxSumOverBatch(NNModuleParaFree):
    def fprop(self, input):
        shifted = input - input.max(axis=1, keepdims=True)
        self.y = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        return self.y

    def bprop(self, grad_out):
        return grad_out - np.exp(self.y) * grad_out.sum(axis=0)     # axis 0: the batch


class LogCrossEntropyLossPlusOne(LossModule):
    def fprop(self, input):
        self.shape = input.shape
        return -input[np.arange(input.shape[0]), self.t]

    def bprop(self, grad_out):
        grad = np.zeros(self.shape)
        grad[np.arange(self.shape[0]), self.t] = 1       # sign lost
        return grad * grad_out[:, None]
