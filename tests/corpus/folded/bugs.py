import numpy as np


class LinearBiasRowReturnsOnesColumn:
    def __init__(self, n_in, n_out):
        self.W = 0.01 * np.random.randn(n_in + 1, n_out)

    def forward(self, X):
        self.Xb = np.hstack([X, np.ones((X.shape[0], 1))])
        return self.Xb.dot(self.W)

    def backward(self, dout):
        self.dW = self.Xb.T.dot(dout)
        return dout.dot(self.W.T)        # (N, n_in + 1): includes the gradient of the ones column


class LinearBiasRowNeverLearns:
    def __init__(self, n_in, n_out):
        self.W = 0.01 * np.random.randn(n_in + 1, n_out)
        self.dW = np.zeros_like(self.W)

    def forward(self, X):
        self.X = X
        return np.hstack([X, np.ones((X.shape[0], 1))]).dot(self.W)

    def backward(self, dout):
        self.dW[:-1] = self.X.T.dot(dout)    # the bias row of dW stays zero
        return dout.dot(self.W[:-1].T)
