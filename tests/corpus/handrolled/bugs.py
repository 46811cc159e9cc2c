# The same three styles, with one mistake per class.
import numpy as np


class DenseInputGradAfterUpdate:
    """backward(output_gradient, learning_rate) with the SGD step inside."""

    def __init__(self, input_size, output_size):
        self.weights = np.random.randn(input_size, output_size) * 0.1
        self.biases = np.zeros((1, output_size))

    def forward(self, input):
        self.input = input
        return np.dot(self.input, self.weights) + self.biases

    def backward(self, output_gradient, learning_rate):
        weights_gradient = np.dot(self.input.T, output_gradient)
        self.weights -= learning_rate * weights_gradient
        self.biases -= learning_rate * np.sum(output_gradient, axis=0, keepdims=True)
        return np.dot(output_gradient, self.weights.T)      # with the weights already updated


class DenseBiasStepMean:
    def __init__(self, input_size, output_size):
        self.weights = np.random.randn(input_size, output_size) * 0.1
        self.biases = np.zeros((1, output_size))

    def forward(self, input):
        self.input = input
        return np.dot(self.input, self.weights) + self.biases

    def backward(self, output_gradient, learning_rate):
        input_gradient = np.dot(output_gradient, self.weights.T)
        self.weights -= learning_rate * np.dot(self.input.T, output_gradient)
        self.biases -= learning_rate * output_gradient.mean(axis=0, keepdims=True)   # mean, not sum
        return input_gradient


class LinearZeroGradForgetsBias:
    """grad_weight / grad_bias summed with +=; zero_grad() resets only grad_weight."""

    def __init__(self, n_in, n_out):
        self.weight = np.random.normal(0, 0.1, (n_in, n_out))
        self.bias = np.zeros(n_out)
        self.grad_weight = np.zeros_like(self.weight)
        self.grad_bias = np.zeros_like(self.bias)

    def zero_grad(self):
        self.grad_weight.fill(0)

    def forward(self, x):
        self.x = x
        return x @ self.weight + self.bias

    def backward(self, grad_output):
        self.grad_weight += self.x.T @ grad_output
        self.grad_bias += grad_output.sum(axis=0)
        return grad_output @ self.weight.T


class SoftmaxBackFromDelta:
    """forward(x) / back(delta): back recomputes the softmax of delta instead of using the output."""

    def forward(self, x):
        e = np.exp(x - np.max(x, axis=1, keepdims=True))
        self.out = e / np.sum(e, axis=1, keepdims=True)
        return self.out

    def back(self, delta):
        s = self.forward(delta)
        return s * (delta - np.sum(delta * s, axis=1, keepdims=True))


class CrossEntropyGradFused:
    """loss(y_pred, y_true) / loss.grad(y_pred, y_true); y_pred: probabilities."""

    def __call__(self, y_pred, y_true):
        return -np.sum(y_true * np.log(y_pred)) / y_pred.shape[0]

    def grad(self, y_pred, y_true):
        return (y_pred - y_true) / y_pred.shape[0]          # the gradient w.r.t. the logits
