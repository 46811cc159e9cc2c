# -*- coding: utf-8 -*-
"""Lab 3 submissions that did not pass the framework's tests."""
import numpy as np


class Layer(object):
    def fprop(self, inputs):
        raise NotImplementedError()

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        raise NotImplementedError()


class AffineLayerWeightsGradNotTransposed(Layer):
    def __init__(self, input_dim, output_dim):
        self.weights = np.random.uniform(-0.1, 0.1, (output_dim, input_dim))
        self.biases = np.zeros(output_dim)

    def fprop(self, inputs):
        return inputs.dot(self.weights.T) + self.biases

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        return grads_wrt_outputs.dot(self.weights)

    def grads_wrt_params(self, inputs, grads_wrt_outputs):
        # (input_dim, output_dim) for weights of shape (output_dim, input_dim)
        return [inputs.T.dot(grads_wrt_outputs), grads_wrt_outputs.sum(0)]

    @property
    def params(self):
        return [self.weights, self.biases]


class SoftmaxLayerSumOverBatch(Layer):
    def fprop(self, inputs):
        exp_inputs = np.exp(inputs - inputs.max(-1)[:, None])
        return exp_inputs / exp_inputs.sum(-1)[:, None]

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        # sum() without an axis: one number for the whole batch
        return outputs * (grads_wrt_outputs - (grads_wrt_outputs * outputs).sum())


class TanhLayerFromInputs(Layer):
    def fprop(self, inputs):
        return np.tanh(inputs)

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        return (1. - inputs ** 2) * grads_wrt_outputs


class SigmoidLayerLocalDerivative(Layer):
    def fprop(self, inputs):
        return 1. / (1. + np.exp(-inputs))

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        return outputs * (1. - outputs)           # grads_wrt_outputs never multiplied in


class LogSoftmaxLayerBatchNormaliser(Layer):
    def fprop(self, inputs):
        shifted = inputs - inputs.max()
        return shifted - np.log(np.exp(shifted).sum())     # normalised over the whole batch

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        return grads_wrt_outputs - np.exp(outputs) * grads_wrt_outputs.sum(-1)[:, None]


class CrossEntropyErrorNotAveraged(object):
    def __call__(self, outputs, targets):
        return -np.mean(np.sum(targets * np.log(outputs), axis=1))

    def grad(self, outputs, targets):
        return -targets / outputs                  # missing / batch_size
