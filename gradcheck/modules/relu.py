"""ReLU: y = max(x, 0), element-wise."""

from __future__ import annotations

import numpy as np

from gradcheck.modules.module import Module
from gradcheck.modules.spec import Bug, Spec


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
        y = self._output()  # (B, N), cached by fprop
        return self._grad(grad_y, y) * (y > 0)  # (B, N); y > 0 exactly where x > 0

    def kinks(self, x: np.ndarray, h: np.ndarray) -> np.ndarray:
        return np.abs(x) <= h


# Planted bugs: realistic mistakes the checks must catch, each with its expected triage.


class ReLUIdentity(ReLU):
    def bprop(self, grad_y):
        return self._grad(grad_y, self.y).copy()


class ReLULeaky(ReLU):
    """A leaky ReLU (slope 0.01 below 0), fprop and bprop, passed off as ReLU."""

    def fprop(self, x):
        self.x = self._input(x)
        self.y = np.where(self.x > 0, self.x, 0.01 * self.x)  # (B, N)
        return self.y

    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) * np.where(self.x > 0, 1, 0.01)  # (B, N)


class ReLUNoKinks(ReLU):
    """A correct ReLU that, like most students', does not declare its kink."""

    def kinks(self, x, h):
        return None


def near_kink(rng, b: int, n: int, dtype) -> np.ndarray:
    """Random inputs, except column 0 at a third of a finite-difference step above 0."""
    from gradcheck.modules.domains import normal

    x = normal(rng, b, n, dtype)  # (B, N)
    x[:, 0] = np.cbrt(np.finfo(dtype).eps) / 3
    return x


SPEC = Spec(
    ReLU,
    derivation="gradcheck.derivations.relu",
    facts=("diagonal: y_i depends on x_i only",),
    bugs=(
        Bug("relu-identity", "bprop passes every gradient through", ReLUIdentity),
        Bug("relu-leaky", "a leaky ReLU (slope 0.01), fprop and bprop", ReLULeaky, "fprop"),
        Bug(
            "relu-near-kink",
            "correct, but inputs within a step of the kink and no kinks() to say so",
            ReLUNoKinks,
            "ok",
            inputs=near_kink,
        ),
    ),
    activation="relu",
    aliases=("relu", "relulayer", "reluactivation", "myrelu", "rectifier"),
)
