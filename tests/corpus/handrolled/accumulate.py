# Gradients are summed into grad_weight / grad_bias; call zero_grad() before every backward.
import numpy as np


class Module:
    def zero_grad(self):
        pass

    def __call__(self, x):
        return self.forward(x)


class Linear(Module):
    def __init__(self, n_in, n_out):
        self.weight = np.random.normal(0, 0.1, (n_in, n_out))
        self.bias = np.zeros(n_out)
        self.grad_weight = np.zeros_like(self.weight)
        self.grad_bias = np.zeros_like(self.bias)

    def zero_grad(self):
        self.grad_weight.fill(0)
        self.grad_bias.fill(0)

    def forward(self, x):
        self.x = x
        return x @ self.weight + self.bias

    def backward(self, grad_output):
        self.grad_weight += self.x.T @ grad_output
        self.grad_bias += grad_output.sum(axis=0)
        return grad_output @ self.weight.T


class Tanh(Module):
    def forward(self, x):
        self.y = np.tanh(x)
        return self.y

    def backward(self, grad_output):
        return grad_output * (1 - self.y ** 2)


class LogSoftmax(Module):
    def forward(self, x):
        x = x - x.max(axis=1, keepdims=True)
        self.y = x - np.log(np.exp(x).sum(axis=1, keepdims=True))
        return self.y

    def backward(self, grad_output):
        return grad_output - np.exp(self.y) * grad_output.sum(axis=1, keepdims=True)
