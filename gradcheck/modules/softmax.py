"""SoftMax over each row, shifted by the row max for stability."""

from __future__ import annotations

import numpy as np

from gradcheck.modules.module import Module


class SoftMax(Module):
    """Row-wise softmax.

    fprop: s_i = exp(x_i - m) / Σ_j exp(x_j - m),  m = max_j x_j
    bprop: z_i = s_i (v_i - v·s)               # v = grad_y; no N×N Jacobian
    """

    formula = "s_i = exp(x_i) / Σ_j exp(x_j)"

    def fprop(self, x: np.ndarray) -> np.ndarray:
        x = self._input(x)
        e = np.exp(x - x.max(axis=1, keepdims=True))  # (B, N), entries in (0, 1]
        self.y = e / e.sum(axis=1, keepdims=True)  # (B, N)
        return self.y

    def bprop(self, grad_y: np.ndarray) -> np.ndarray:
        v, s = self._grad(grad_y, self.y), self.y
        return s * (v - (v * s).sum(axis=1, keepdims=True))  # (B, N)
