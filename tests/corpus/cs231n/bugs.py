import numpy as np


class Layer(object):
    def __init__(self):
        self.params = {}
        self.grads = {}
        self.cache = {}


class LinearDividesByN(Layer):
    def __init__(self, input_dim, output_dim):
        super(LinearDividesByN, self).__init__()
        self.params['W'] = 1e-2 * np.random.randn(input_dim, output_dim)
        self.params['b'] = np.zeros(output_dim)

    def forward(self, x):
        self.cache['x'] = x
        return x.dot(self.params['W']) + self.params['b']

    def backward(self, dout):
        x = self.cache['x']
        N = x.shape[0]
        self.grads['W'] = x.T.dot(dout) / N          # the loss already averaged over N
        self.grads['b'] = np.sum(dout, axis=0) / N
        return dout.dot(self.params['W'].T)


class DenseBiasWrongAxis(Layer):
    def __init__(self, input_dim, output_dim):
        super(DenseBiasWrongAxis, self).__init__()
        self.params['W'] = np.random.randn(input_dim, output_dim) * np.sqrt(2.0 / input_dim)
        self.params['b'] = np.zeros((1, output_dim))

    def forward(self, x):
        self.cache['x'] = x
        return np.dot(x, self.params['W']) + self.params['b']

    def backward(self, dout):
        self.grads['W'] = np.dot(self.cache['x'].T, dout)
        self.grads['b'] = np.sum(dout, axis=1)           # summed over the outputs, not the samples
        return np.dot(dout, self.params['W'].T)


class ReLUMaskFromGrad(Layer):
    def forward(self, x):
        return np.maximum(0, x)

    def backward(self, dout):
        return dout * (dout > 0)                         # mask from the gradient, not from x


class SigmoidDerivativeOfInput(Layer):
    def forward(self, x):
        self.cache['x'] = x
        return 1.0 / (1.0 + np.exp(-x))

    def backward(self, dout):
        x = self.cache['x']
        return dout * x * (1.0 - x)                      # s(1 - s) written with x


class SoftmaxSignFlipped(Layer):
    def forward(self, x):
        e = np.exp(x - np.max(x, axis=1, keepdims=True))
        self.cache['probs'] = e / np.sum(e, axis=1, keepdims=True)
        return self.cache['probs']

    def backward(self, dout):
        probs = self.cache['probs']
        return probs * (np.sum(probs * dout, axis=1, keepdims=True) - dout)


class LogSoftmaxNoShift(Layer):
    def forward(self, x):
        log_probs = x - np.log(np.sum(np.exp(x), axis=1, keepdims=True))    # overflows
        self.cache['log_probs'] = log_probs
        return log_probs

    def backward(self, dout):
        return dout - np.exp(self.cache['log_probs']) * np.sum(dout, axis=1, keepdims=True)


class CrossEntropyBackwardNotAveraged(object):
    def forward(self, probs, y):
        self.probs, self.y = probs, y
        return -np.mean(np.log(probs[np.arange(probs.shape[0]), y]))

    def backward(self):
        dprobs = np.zeros_like(self.probs)
        rows = np.arange(self.probs.shape[0])
        dprobs[rows, self.y] = -1.0 / self.probs[rows, self.y]
        return dprobs                                    # no / N although forward averages


class NLLLossMeanOverAllEntries(object):
    def forward(self, log_probs, y):
        self.shape = log_probs.shape
        self.onehot = np.eye(log_probs.shape[1])[y]
        return np.mean(-self.onehot * log_probs)         # mean over N*C entries, not over N

    def backward(self):
        return -self.onehot / (self.shape[0] * self.shape[1])


class SoftmaxCrossEntropyNotAveraged(object):
    def forward(self, scores, y):
        shifted = scores - np.max(scores, axis=1, keepdims=True)
        log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
        self.probs, self.y = np.exp(log_probs), y
        return -np.mean(log_probs[np.arange(scores.shape[0]), y])

    def backward(self):
        dscores = self.probs.copy()
        dscores[np.arange(dscores.shape[0]), self.y] -= 1
        return dscores                                   # no / N
