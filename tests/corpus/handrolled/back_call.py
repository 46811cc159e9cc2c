# Assignment 1: feed-forward network from scratch. Layers: forward(x) / back(delta).
# Losses: loss(y_pred, y_true) for the value, loss.grad(y_pred, y_true) for the gradient.
import numpy as np


class Linear:
    def __init__(self, in_dim, out_dim):
        self.weights = np.random.randn(in_dim, out_dim) * np.sqrt(1.0 / in_dim)
        self.biases = np.zeros(out_dim)
        self.d_weights = np.zeros_like(self.weights)
        self.d_biases = np.zeros_like(self.biases)

    def forward(self, x):
        self.x = np.array(x)
        return self.x @ self.weights + self.biases

    def back(self, delta):
        self.d_weights = self.x.T @ delta
        self.d_biases = delta.sum(axis=0)
        return delta @ self.weights.T


class Tanh:
    def forward(self, x):
        self.out = np.tanh(x)
        return self.out

    def back(self, delta):
        return delta * (1 - np.square(self.out))


class Softmax:
    def forward(self, x):
        x = np.array(x)
        shifted = x - np.max(x, axis=1, keepdims=True)
        exp_out = np.exp(shifted)
        self.out = exp_out / np.sum(exp_out, axis=1, keepdims=True)
        return self.out

    def back(self, delta):
        s = self.out
        # J^T delta for every sample, J = diag(s) - s s^T
        jacobians = np.einsum('bi,ij->bij', s, np.eye(s.shape[1])) - np.einsum('bi,bj->bij', s, s)
        return np.einsum('bij,bi->bj', jacobians, delta)


class LogSoftmax:
    def forward(self, x):
        m = np.max(x, axis=1, keepdims=True)
        self.out = x - m - np.log(np.sum(np.exp(x - m), axis=1, keepdims=True))
        return self.out

    def back(self, delta):
        return delta - np.exp(self.out) * np.sum(delta, axis=1, keepdims=True)


class CrossEntropy:
    """y_pred: probabilities, y_true: one-hot; mean over the batch."""

    def __call__(self, y_pred, y_true):
        return -np.sum(y_true * np.log(y_pred)) / y_pred.shape[0]

    def grad(self, y_pred, y_true):
        return -y_true / y_pred / y_pred.shape[0]


class LogCrossEntropy:
    """y_pred: log-probabilities, y_true: one-hot; mean over the batch."""

    def __call__(self, y_pred, y_true):
        return -np.sum(y_true * y_pred) / y_pred.shape[0]

    def grad(self, y_pred, y_true):
        return -y_true / y_pred.shape[0]
