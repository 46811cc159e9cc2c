import numpy as np


class CrossEntropy(object):
    """Cross-entropy on probabilities, averaged over the minibatch.

    forward(probs, y): probs (N, C) rows of probabilities, y (N,) labels in 0..C-1
    backward(): dprobs (N, C)
    """

    def forward(self, probs, y):
        N = probs.shape[0]
        self.probs, self.y = probs, y
        loss = -np.sum(np.log(probs[np.arange(N), y])) / N
        return loss

    def backward(self):
        N = self.probs.shape[0]
        dprobs = np.zeros_like(self.probs)
        dprobs[np.arange(N), self.y] = -1.0 / self.probs[np.arange(N), self.y]
        return dprobs / N


class NLLLoss(object):
    """Negative log-likelihood of log-probabilities (after LogSoftmax), averaged over the batch."""

    def forward(self, log_probs, y):
        self.shape, self.y = log_probs.shape, y
        N = log_probs.shape[0]
        return -np.sum(log_probs[np.arange(N), y]) / N

    def backward(self):
        N = self.shape[0]
        dx = np.zeros(self.shape)
        dx[np.arange(N), self.y] = -1.0 / N
        return dx


class SoftmaxCrossEntropy(object):
    """softmax_loss from the assignment, as a class: scores in, mean loss out."""

    def forward(self, scores, y):
        N = scores.shape[0]
        shifted = scores - np.max(scores, axis=1, keepdims=True)
        log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
        self.probs, self.y = np.exp(log_probs), y
        return -np.sum(log_probs[np.arange(N), y]) / N

    def backward(self):
        N = self.probs.shape[0]
        dscores = self.probs.copy()
        dscores[np.arange(N), self.y] -= 1
        return dscores / N
