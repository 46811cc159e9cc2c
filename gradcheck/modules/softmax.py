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
        e = x - x.max(axis=1, keepdims=True)  # (B, N), max entry 0
        np.exp(e, out=e)  # entries in (0, 1]
        e /= e.sum(axis=1, keepdims=True)
        self.y = e  # (B, N)
        return e

    def bprop(self, grad_y: np.ndarray) -> np.ndarray:
        v, s = self._grad(grad_y, self.y), self.y
        z = v - (v * s).sum(axis=1, keepdims=True)  # (B, N): v_i - v·s
        z *= s
        return z
