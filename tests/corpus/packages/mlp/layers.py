import numpy as np

import mlp.initialisers as init


class Layer(object):
    def fprop(self, inputs):
        raise NotImplementedError()

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        raise NotImplementedError()


class AffineLayer(Layer):
    def __init__(self, input_dim, output_dim,
                 weights_initialiser=init.UniformInit(-0.1, 0.1),
                 biases_initialiser=init.ConstantInit(0.)):
        self.weights = weights_initialiser((output_dim, input_dim))
        self.biases = biases_initialiser(output_dim)

    def fprop(self, inputs):
        return self.weights.dot(inputs.T).T + self.biases

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        return grads_wrt_outputs.dot(self.weights)

    def grads_wrt_params(self, inputs, grads_wrt_outputs):
        return [grads_wrt_outputs.T.dot(inputs), grads_wrt_outputs.sum(axis=0)]

    @property
    def params(self):
        return [self.weights, self.biases]


class TanhLayer(Layer):
    def fprop(self, inputs):
        return np.tanh(inputs)

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        return (1. - outputs ** 2) * grads_wrt_outputs


class SoftmaxLayer(Layer):
    def fprop(self, inputs):
        exp_inputs = np.exp(inputs - inputs.max(-1)[:, None])
        return exp_inputs / exp_inputs.sum(-1)[:, None]

    def bprop(self, inputs, outputs, grads_wrt_outputs):
        return outputs * (grads_wrt_outputs - (grads_wrt_outputs * outputs).sum(-1)[:, None])


class AffineLayerBiasMean(AffineLayer):
    """Inherits the framework's layer and overrides one method, wrongly."""

    def grads_wrt_params(self, inputs, grads_wrt_outputs):
        return [grads_wrt_outputs.T.dot(inputs), grads_wrt_outputs.mean(axis=0)]
