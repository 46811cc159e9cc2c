import numpy as np


class Layer(object):
    def __init__(self):
        self.params = {}
        self.grads = {}
        self.cache = {}

    def forward(self, x):
        raise NotImplementedError

    def backward(self, dout):
        raise NotImplementedError


class Linear(Layer):
    """out = x W + b, W: (D, M), b: (M,)"""

    def __init__(self, input_dim, output_dim, weight_scale=1e-2):
        super(Linear, self).__init__()
        self.params['W'] = weight_scale * np.random.randn(input_dim, output_dim)
        self.params['b'] = np.zeros(output_dim)

    def forward(self, x):
        # x: (N, D)
        out = x.dot(self.params['W']) + self.params['b']
        self.cache['x'] = x
        return out

    def backward(self, dout):
        # dout: (N, M)
        x = self.cache['x']
        self.grads['W'] = x.T.dot(dout)
        self.grads['b'] = np.sum(dout, axis=0)
        dx = dout.dot(self.params['W'].T)
        return dx


class Dense(Layer):
    """Same as Linear but the bias is a row vector (1, M), as in my notebook."""

    def __init__(self, input_dim, output_dim):
        super(Dense, self).__init__()
        self.params['W'] = np.random.randn(input_dim, output_dim) * np.sqrt(2.0 / input_dim)
        self.params['b'] = np.zeros((1, output_dim))

    def forward(self, x):
        self.cache['x'] = x
        return np.dot(x, self.params['W']) + self.params['b']

    def backward(self, dout):
        x = self.cache['x']
        self.grads['W'] = np.dot(x.T, dout)
        self.grads['b'] = np.sum(dout, axis=0, keepdims=True)
        return np.dot(dout, self.params['W'].T)


class ReLU(Layer):
    def forward(self, x):
        self.cache['mask'] = x > 0
        return x * self.cache['mask']

    def backward(self, dout):
        return dout * self.cache['mask']


class Sigmoid(Layer):
    def forward(self, x):
        out = 1.0 / (1.0 + np.exp(-x))
        self.cache['out'] = out
        return out

    def backward(self, dout):
        out = self.cache['out']
        return dout * out * (1.0 - out)


class Tanh(Layer):
    def forward(self, x):
        out = np.tanh(x)
        self.cache['out'] = out
        return out

    def backward(self, dout):
        return dout * (1.0 - self.cache['out'] ** 2)


class Softmax(Layer):
    def forward(self, x):
        shifted = x - np.max(x, axis=1, keepdims=True)
        exp_scores = np.exp(shifted)
        probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
        self.cache['probs'] = probs
        return probs

    def backward(self, dout):
        probs = self.cache['probs']
        dx = probs * dout
        dx -= probs * np.sum(dx, axis=1, keepdims=True)
        return dx


class LogSoftmax(Layer):
    def forward(self, x):
        shifted = x - np.max(x, axis=1, keepdims=True)
        log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
        self.cache['log_probs'] = log_probs
        return log_probs

    def backward(self, dout):
        probs = np.exp(self.cache['log_probs'])
        return dout - probs * np.sum(dout, axis=1, keepdims=True)
