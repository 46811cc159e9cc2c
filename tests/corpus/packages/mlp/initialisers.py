import numpy as np

from mlp import DEFAULT_SEED


class UniformInit(object):
    def __init__(self, low, high, rng=None):
        self.low, self.high = low, high
        self.rng = np.random.RandomState(DEFAULT_SEED) if rng is None else rng

    def __call__(self, shape):
        return self.rng.uniform(self.low, self.high, size=shape)


class ConstantInit(object):
    def __init__(self, value):
        self.value = value

    def __call__(self, shape):
        return self.value * np.ones(shape)
