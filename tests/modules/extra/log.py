"""Log: y = ln x, element-wise, for x > 0: a built-in with its own input domain, in one file.

Not part of gradcheck: tests/modules/test_domains.py puts this folder on gradcheck.modules'
path, as if the file had been added there, and checks that everything reads it.
"""

from __future__ import annotations

import numpy as np

from gradcheck.modules.module import Module
from gradcheck.modules.spec import Bug, Spec


def positive(rng: np.random.Generator, b: int, n: int, dtype) -> np.ndarray:
    """(B, N) entries in [0.5, 3): ln's domain, away from 0."""
    return rng.uniform(0.5, 3.0, (b, n)).astype(dtype)


class Log(Module):
    """fprop: y = ln x; bprop: grad_x = grad_y / x (the cached input)."""

    formula = "y_i = ln x_i"

    def fprop(self, x):
        self.x = self._input(x)
        self.y = np.log(self.x)
        return self.y

    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) / self.x


class LogOverXSquared(Log):
    """bprop v / x², the derivative of -1/x."""

    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) / self.x**2


SPEC = Spec(
    Log,
    expr="log(x)",
    domain=positive,
    bugs=(Bug("log-over-x-squared", "bprop v / x²", LogOverXSquared),),
)
