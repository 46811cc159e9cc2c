# -*- coding: utf-8 -*-
"""Layers for lab 3, in the framework's interface.

fprop(inputs) maps inputs (batch_size, input_dim) to outputs (batch_size, output_dim);
bprop(inputs, outputs, grads_wrt_outputs) returns the gradients w.r.t. the inputs;
layers with parameters add grads_wrt_params(inputs, grads_wrt_outputs) and a `params` property.
"""
import numpy as np

DEFAULT_SEED = 22102017


class UniformInit(object):
    def __init__(self, low, high, rng=None):
        self.low, self.high = low, high
        self.rng = rng if rng is not None else np.random.RandomState(DEFAULT_SEED)

    def __call__(self, shape):
        return self.rng.uniform(low=self.low, high=self.high, size=shape)


class ConstantInit(object):
    def __init__(self, value):
        self.value = value

    def __call__(self, shape):
        return np.full(shape, self.value, dtype=float)


class Layer(object):
    def fprop(self, inputs):
        raise NotImplementedError()

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        raise NotImplementedError()


class LayerWithParameters(Layer):
    def grads_wrt_params(self, inputs, grads_wrt_outputs):
        raise NotImplementedError()

    @property
    def params(self):
        raise NotImplementedError()


class AffineLayer(LayerWithParameters):
    """outputs = W inputs + b for each input vector; weights (output_dim, input_dim)."""

    def __init__(self, input_dim, output_dim,
                 weights_initialiser=UniformInit(-0.1, 0.1),
                 biases_initialiser=ConstantInit(0.)):
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.weights = weights_initialiser((self.output_dim, self.input_dim))
        self.biases = biases_initialiser(self.output_dim)

    def fprop(self, inputs):
        return inputs.dot(self.weights.T) + self.biases

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        return grads_wrt_outputs.dot(self.weights)

    def grads_wrt_params(self, inputs, grads_wrt_outputs):
        """Returns [grads_wrt_weights, grads_wrt_biases]."""
        grads_wrt_weights = grads_wrt_outputs.T.dot(inputs)
        grads_wrt_biases = grads_wrt_outputs.sum(0)
        return [grads_wrt_weights, grads_wrt_biases]

    @property
    def params(self):
        """[weights, biases]"""
        return [self.weights, self.biases]

    @params.setter
    def params(self, values):
        self.weights, self.biases = values

    def __repr__(self):
        return 'AffineLayer(input_dim={0}, output_dim={1})'.format(self.input_dim, self.output_dim)


class SigmoidLayer(Layer):
    def fprop(self, inputs):
        return 1. / (1. + np.exp(-inputs))

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        return grads_wrt_outputs * outputs * (1. - outputs)

    def __repr__(self):
        return 'SigmoidLayer'


class ReluLayer(Layer):
    def fprop(self, inputs):
        return np.maximum(inputs, 0.)

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        return (inputs > 0) * grads_wrt_outputs

    def __repr__(self):
        return 'ReluLayer'


class TanhLayer(Layer):
    def fprop(self, inputs):
        return np.tanh(inputs)

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        return (1. - outputs ** 2) * grads_wrt_outputs

    def __repr__(self):
        return 'TanhLayer'


class SoftmaxLayer(Layer):
    def fprop(self, inputs):
        # the max cancels between numerator and denominator, it only prevents overflow
        exp_inputs = np.exp(inputs - inputs.max(-1)[:, None])
        return exp_inputs / exp_inputs.sum(-1)[:, None]

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        return outputs * (grads_wrt_outputs - (grads_wrt_outputs * outputs).sum(-1)[:, None])

    def __repr__(self):
        return 'SoftmaxLayer'


class LogSoftmaxLayer(Layer):
    """Added for exercise 4e: log of the softmax, computed stably."""

    def fprop(self, inputs):
        shifted = inputs - inputs.max(-1)[:, None]
        return shifted - np.log(np.exp(shifted).sum(-1))[:, None]

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        return grads_wrt_outputs - np.exp(outputs) * grads_wrt_outputs.sum(-1)[:, None]

    def __repr__(self):
        return 'LogSoftmaxLayer'
