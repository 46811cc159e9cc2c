# -*- coding: utf-8 -*-
"""Error functions: __call__(outputs, targets) is the batch mean, grad(outputs, targets) its
gradient w.r.t. the outputs. Targets are one-hot rows (batch_size, output_dim)."""
import numpy as np


class CrossEntropyError(object):
    def __call__(self, outputs, targets):
        return -np.mean(np.sum(targets * np.log(outputs), axis=1))

    def grad(self, outputs, targets):
        return -(targets / outputs) / outputs.shape[0]

    def __repr__(self):
        return 'CrossEntropyError'


class LogCrossEntropyError(object):
    """Cross entropy of log-probabilities (outputs of LogSoftmaxLayer)."""

    def __call__(self, outputs, targets):
        return -np.mean(np.sum(targets * outputs, axis=1))

    def grad(self, outputs, targets):
        return -targets / outputs.shape[0]

    def __repr__(self):
        return 'LogCrossEntropyError'


class CrossEntropySoftmaxError(object):
    """Softmax applied to the outputs (logits) inside the error."""

    def __call__(self, outputs, targets):
        shifted = outputs - outputs.max(-1)[:, None]
        log_probs = shifted - np.log(np.exp(shifted).sum(-1))[:, None]
        return -np.mean(np.sum(targets * log_probs, axis=1))

    def grad(self, outputs, targets):
        probs = np.exp(outputs - outputs.max(-1)[:, None])
        probs /= probs.sum(-1)[:, None]
        return (probs - targets) / outputs.shape[0]

    def __repr__(self):
        return 'CrossEntropySoftmaxError'
