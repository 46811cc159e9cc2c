"""LogSoftMax over each row, by the log-sum-exp trick."""

from __future__ import annotations

import numpy as np

from gradcheck.modules.module import Module


class LogSoftMax(Module):
    """Row-wise log of the softmax.

    fprop: y_i = x_i - m - ln Σ_j exp(x_j - m),  m = max_j x_j
    bprop: z_i = v_i - s_i Σ_j v_j,  s = exp(y)   # v = grad_y
    """

    formula = "y_i = x_i - ln Σ_j exp(x_j)"

    def fprop(self, x: np.ndarray) -> np.ndarray:
        x = self._input(x)
        shifted = x - x.max(axis=1, keepdims=True)  # (B, N), max entry 0
        self.y = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # (B, N)
        return self.y

    def bprop(self, grad_y: np.ndarray) -> np.ndarray:
        v = self._grad(grad_y, self.y)
        return v - np.exp(self.y) * v.sum(axis=1, keepdims=True)  # (B, N)
