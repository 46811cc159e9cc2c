# Another student's solution to the same skeleton: bprop stores the parameter gradients,
# get_grad_param hands them back, the weights exist from the constructor on.
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


class Linear(NNModule):
    def __init__(self, n_in, n_out):
        self.input_dim = n_in
        self.output_dim = n_out
        self.initialize_parameter()

    def initialize_parameter(self):
        self.W = np.random.randn(self.input_dim, self.output_dim) * 0.1
        self.b = np.zeros((1, self.output_dim))
        self.dW = np.zeros((self.input_dim, self.output_dim))
        self.db = np.zeros((1, self.output_dim))

    def fprop(self, input):
        self.cache_in = input
        return np.dot(input, self.W) + self.b

    def bprop(self, grad_out):
        # parameter gradients are computed here, get_grad_param only returns them
        self.dW = np.dot(self.cache_in.T, grad_out)
        self.db = np.sum(grad_out, axis=0, keepdims=True)
        return np.dot(grad_out, self.W.T)

    def get_grad_param(self, grad_out):
        return self.dW, self.db

    def apply_parameter_update(self, acc_grad_para, up_fun):
        self.W = up_fun(self.W, acc_grad_para[0])
        self.b = up_fun(self.b, acc_grad_para[1])


class Softmax(NNModuleParaFree):
    def __init__(self):
        self.cache_in = None
        self.cache_out = None

    def fprop(self, input):
        self.cache_in = input
        input -= np.max(input, axis=1, keepdims=True)   # in place: the caller's array changes
        exp = np.exp(input)
        self.cache_out = exp / np.sum(exp, axis=1, keepdims=True)
        return self.cache_out

    def bprop(self, grad_out):
        grad_in = np.zeros_like(self.cache_out)
        for i in range(self.cache_out.shape[0]):
            s = self.cache_out[i]
            grad_in[i] = s * (grad_out[i] - np.sum(grad_out[i] * s))
        return grad_in


class CrossEntropyLoss(LossModule):
    def fprop(self, input):
        self.cache_in = input
        n = input.shape[0]
        return -np.log(input[range(n), self.t])

    def bprop(self, grad_out):
        n, k = self.cache_in.shape
        one_hot = np.eye(k)[self.t]
        return -one_hot / self.cache_in * grad_out.reshape(-1, 1)


class Tanh(NNModuleParaFree):
    def fprop(self, input):
        self.y = np.tanh(input)
        return self.y

    def bprop(self, grad_out):
        return (1 - self.y * self.y) * grad_out


class LogSoftmax(NNModuleParaFree):
    def fprop(self, input):
        m = np.max(input, axis=1, keepdims=True)
        lse = m + np.log(np.sum(np.exp(input - m), axis=1, keepdims=True))
        self.y = input - lse
        return self.y

    def bprop(self, grad_out):
        p = np.exp(self.y)
        return grad_out - p * np.sum(grad_out, axis=1, keepdims=True)


class LogCrossEntropyLoss(LossModule):
    def fprop(self, input):
        self.n, self.k = input.shape
        return -input[range(self.n), self.t]

    def bprop(self, grad_out):
        one_hot = np.eye(self.k)[self.t]
        return -one_hot * grad_out.reshape(-1, 1)
