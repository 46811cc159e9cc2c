"""Sigmoid: y = 1 / (1 + exp(-x)), element-wise; the worked example of adding a built-in."""

from __future__ import annotations

import numpy as np

from gradcheck.modules.module import Module
from gradcheck.modules.spec import Bug, Spec


class Sigmoid(Module):
    """The logistic sigmoid, element-wise, computed from exp(-|x|) so that nothing overflows.

    fprop: y = 1 / (1 + exp(-x))
    bprop: grad_x = grad_y * y (1 - y)          # uses the cached output y
    """

    formula = "y_i = 1 / (1 + exp(-x_i))"

    def fprop(self, x: np.ndarray) -> np.ndarray:
        x = self._input(x)
        e = np.exp(-np.abs(x))  # (B, N), in (0, 1]: never overflows
        self.y = np.where(x >= 0, 1 / (1 + e), e / (1 + e))  # (B, N)
        return self.y

    def bprop(self, grad_y: np.ndarray) -> np.ndarray:
        y = self._output()  # (B, N), cached by fprop
        return self._grad(grad_y, y) * y * (1 - y)


# Planted bugs: realistic mistakes the checks must catch, each with its expected triage.


class SigmoidForgetsOneMinusY(Sigmoid):
    """bprop v ⊙ y: the (1 - y) factor forgotten."""

    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) * self.y  # (B, N)


class SigmoidOfX(Sigmoid):
    """bprop v ⊙ x (1 - x): the derivative written in the input instead of the output."""

    def fprop(self, x):
        self.x = self._input(x)
        return super().fprop(x)

    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) * self.x * (1 - self.x)  # (B, N)


SPEC = Spec(
    Sigmoid,
    expr="1/(1+exp(-x))",
    bugs=(
        Bug(
            "sigmoid-no-one-minus-y", "bprop v ⊙ y: the (1 - y) forgotten", SigmoidForgetsOneMinusY
        ),
        Bug("sigmoid-of-x", "bprop x (1 - x): the input where the output y is meant", SigmoidOfX),
    ),
    activation="sigmoid",
    aliases=(
        "sigmoid",
        "logistic",
        "sigmoidlayer",
        "sigmoidactivation",
        "mysigmoid",
        "logisticsigmoid",
    ),
    hint="exp(-x) overflows for x far below 0 (compute it from exp(-|x|))",
)
