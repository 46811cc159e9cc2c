"""Tanh: y = tanh(x), element-wise."""

from __future__ import annotations

import numpy as np

from gradcheck.modules.module import Module
from gradcheck.modules.spec import Bug, Spec


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
        y = self._output()  # (B, N), cached by fprop
        g = self._grad(grad_y, y)
        d = y * y  # (B, N), one temporary, then in place: g ⊙ (1 - y²)
        np.subtract(1, d, out=d)
        d *= g
        return d


# Planted bugs: realistic mistakes the checks must catch, each with its expected triage.


class TanhOfX(Tanh):
    def fprop(self, x):
        self.x = x
        return super().fprop(x)

    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) * (1 - self.x**2)


class TanhPlus(Tanh):
    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) * (1 + self.y**2)


class TanhOneMinusY(Tanh):
    """1 - y where 1 - y² was meant."""

    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) * (1 - self.y)


class TanhIsSigmoid(Tanh):
    """'tanh' written as the logistic sigmoid, and its derivative y (1 - y)."""

    def fprop(self, x):
        self.y = 1 / (1 + np.exp(-self._input(x)))  # (B, N)
        return self.y

    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) * self.y * (1 - self.y)  # (B, N)


SPEC = Spec(
    Tanh,
    derivation="gradcheck.derivations.tanh",
    facts=("diagonal: y_i depends on x_i only",),
    bugs=(
        Bug("tanh-x", "bprop uses the input: 1 - x² instead of 1 - y²", TanhOfX),
        Bug("tanh-plus", "bprop with a plus sign: 1 + y²", TanhPlus),
        Bug("tanh-one-minus-y", "bprop 1 - y instead of 1 - y²", TanhOneMinusY),
        Bug(
            "tanh-is-sigmoid", "fprop and bprop are the logistic sigmoid's", TanhIsSigmoid, "fprop"
        ),
        Bug(
            "tanh-float32-tiny-step",
            "correct, but float32 with a step of 1e-7, an ulp or two: rounding swamps it",
            Tanh,
            "ok",
            dtype="float32",
            step=1e-7,
        ),
    ),
    activation="tanh",
    aliases=("tanh", "tanhlayer", "tanhactivation", "mytanh", "hyperbolictangent"),
)
