import numpy as np

from .base import Loss


class CrossEntropy(Loss):
    def fprop(self, z):
        self.z = z
        return -np.mean(np.log(z[np.arange(len(z)), self.t]))

    def bprop(self):
        dz = np.zeros_like(self.z)
        rows = np.arange(len(self.z))
        dz[rows, self.t] = -1 / (len(self.z) * self.z[rows, self.t])
        return dz


class CrossEntropyLog(Loss):
    def fprop(self, z):
        self.shape = z.shape
        return -np.mean(z[np.arange(len(z)), self.t])

    def bprop(self):
        dz = np.zeros(self.shape)
        dz[np.arange(self.shape[0]), self.t] = -1 / self.shape[0]
        return dz
