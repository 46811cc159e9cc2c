"""Broken criteria: the sign and the batch mean, the classic slips."""

from __future__ import annotations

import numpy as np

from gradcheck.modules import CrossEntropy, CrossEntropyLog


class CrossEntropySign(CrossEntropy):
    def _bprop(self):
        return -super()._bprop()


class CrossEntropySum(CrossEntropy):
    def _bprop(self):
        return super()._bprop() * len(self.z)


class CrossEntropyLogSign(CrossEntropyLog):
    def _bprop(self):
        return -super()._bprop()


class CrossEntropyNoMean(CrossEntropy):
    """-t / z, written out, without the 1/B of the batch mean."""

    def _bprop(self):
        t = self.target_rows()
        return np.divide(-t, self.z, out=np.zeros_like(self.z), where=t > 0)
