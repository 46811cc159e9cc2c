"""ReLU: y = max(x, 0), element-wise."""

from __future__ import annotations

import numpy as np

from gradcheck.modules.module import Module


class ReLU(Module):
    """Rectified linear unit, element-wise.

    fprop: y = max(x, 0)
    bprop: grad_x = grad_y * [x > 0]            # subgradient 0 at x = 0
    """

    formula = "y_i = max(x_i, 0)"

    def fprop(self, x: np.ndarray) -> np.ndarray:
        self.y = np.maximum(self._input(x), 0)  # (B, N)
        return self.y

    def bprop(self, grad_y: np.ndarray) -> np.ndarray:
        g = self._grad(grad_y, self.y)
        return g * (self.y > 0)  # (B, N); y > 0 exactly where x > 0

    def kinks(self, x: np.ndarray, h: np.ndarray) -> np.ndarray:
        return np.abs(x) <= h
