"""Broken criteria: the sign and the batch mean, the classic slips."""

from __future__ import annotations

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
