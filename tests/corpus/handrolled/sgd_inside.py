# Network from the video: every layer updates itself in backward(output_gradient, learning_rate).
import numpy as np


class Layer:
    def __init__(self):
        self.input = None
        self.output = None

    def forward(self, input):
        raise NotImplementedError

    def backward(self, output_gradient, learning_rate):
        raise NotImplementedError


class Dense(Layer):
    def __init__(self, input_size, output_size):
        self.weights = np.random.randn(input_size, output_size) * 0.1
        self.biases = np.zeros((1, output_size))

    def forward(self, input):
        self.input = input
        return np.dot(self.input, self.weights) + self.biases

    def backward(self, output_gradient, learning_rate):
        weights_gradient = np.dot(self.input.T, output_gradient)
        input_gradient = np.dot(output_gradient, self.weights.T)
        self.weights -= learning_rate * weights_gradient
        self.biases -= learning_rate * np.sum(output_gradient, axis=0, keepdims=True)
        return input_gradient


class Tanh(Layer):
    def forward(self, input):
        self.output = np.tanh(input)
        return self.output

    def backward(self, output_gradient, learning_rate):
        return np.multiply(output_gradient, 1 - self.output ** 2)


class Softmax(Layer):
    def forward(self, input):
        tmp = np.exp(input - np.max(input, axis=1, keepdims=True))
        self.output = tmp / np.sum(tmp, axis=1, keepdims=True)
        return self.output

    def backward(self, output_gradient, learning_rate):
        s = self.output
        return s * (output_gradient - np.sum(output_gradient * s, axis=1, keepdims=True))


class CrossEntropyLoss:
    """forward(y_true, y_pred): the true labels first (one-hot), mean over the samples."""

    def forward(self, y_true, y_pred):
        return np.mean(-np.sum(y_true * np.log(y_pred), axis=1))

    def backward(self, y_true, y_pred):
        return -y_true / y_pred / len(y_true)
