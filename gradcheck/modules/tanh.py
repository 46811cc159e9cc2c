"""Tanh: y = tanh(x), element-wise."""

from __future__ import annotations

import numpy as np

from gradcheck.modules.module import Module


class Tanh(Module):
    """Hyperbolic tangent, element-wise.

    fprop: y = tanh(x)
    bprop: grad_x = grad_y * (1 - y²)          # uses the cached output y
    """

    formula = "y_i = tanh(x_i)"

    def fprop(self, x: np.ndarray) -> np.ndarray:
        self.y = np.tanh(self._input(x))  # (B, N)
        return self.y

    def bprop(self, grad_y: np.ndarray) -> np.ndarray:
        g = self._grad(grad_y, self.y)
        d = self.y * self.y  # (B, N), one temporary, then in place: g ⊙ (1 - y²)
        np.subtract(1, d, out=d)
        d *= g
        return d
