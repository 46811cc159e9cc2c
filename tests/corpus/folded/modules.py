# Bias trick: a column of ones is added to the inputs, the bias is a row of W.
import numpy as np


class LinearBiasRow:
    """W: (n_in + 1, n_out), its last row is the bias; inputs get a ones column at the end."""

    def __init__(self, n_in, n_out):
        self.W = 0.01 * np.random.randn(n_in + 1, n_out)

    def forward(self, X):
        self.Xb = np.hstack([X, np.ones((X.shape[0], 1))])      # (N, n_in + 1)
        return self.Xb.dot(self.W)

    def backward(self, dout):
        self.dW = self.Xb.T.dot(dout)                          # (n_in + 1, n_out)
        return dout.dot(self.W[:-1].T)                         # drop the ones column


class LinearBiasFirst:
    """W: (n_in + 1, n_out), its first row is the bias; the ones column comes first."""

    def __init__(self, n_in, n_out):
        self.W = np.random.uniform(-0.1, 0.1, (n_in + 1, n_out))

    def forward(self, X):
        self.X1 = np.insert(X, 0, 1.0, axis=1)
        return self.X1 @ self.W

    def backward(self, dout):
        self.dW = self.X1.T @ dout
        return (dout @ self.W.T)[:, 1:]
