"""SoftMax over each row, shifted by the row max for stability."""

from __future__ import annotations

import numpy as np

from gradcheck.modules.module import Module
from gradcheck.modules.spec import Bug, Spec


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
        s = self._output()  # (B, N), cached by fprop
        v = self._grad(grad_y, s)
        z = v - (v * s).sum(axis=1, keepdims=True)  # (B, N): v_i - v·s
        z *= s
        return z


# Planted bugs: realistic mistakes the checks must catch, each with its expected triage.


class SoftMaxNoDot(SoftMax):
    def bprop(self, grad_y):
        return self._grad(grad_y, self.y) * self.y


class SoftMaxSign(SoftMax):
    def bprop(self, grad_y):
        v, s = self._grad(grad_y, self.y), self.y
        return s * ((v * s).sum(axis=1, keepdims=True) - v)


class SoftMaxBatchDot(SoftMax):
    """v·s summed over the whole batch, not per row."""

    def bprop(self, grad_y):
        v, s = self._grad(grad_y, self.y), self.y
        return s * (v - (v * s).sum())


class SoftMaxNoShift(SoftMax):
    """Softmax without the max-shift: right on small inputs, inf/inf = NaN at large ones."""

    def fprop(self, x):
        e = np.exp(self._input(x))  # (B, N), overflows past x ≈ 709
        self.y = e / e.sum(axis=1, keepdims=True)
        return self.y


SPEC = Spec(
    SoftMax,
    derivation="gradcheck.derivations.softmax",
    facts=("symmetric: J = Jᵀ", "each row sums to 0"),
    bugs=(
        Bug("softmax-no-vs", "bprop forgets the v·s term: z = s ⊙ v", SoftMaxNoDot),
        Bug("softmax-sign", "bprop with the sign flipped: z = s ⊙ (v·s - v)", SoftMaxSign),
        Bug("softmax-batch-dot", "v·s summed over the whole batch, not per row", SoftMaxBatchDot),
        Bug(
            "softmax-no-shift",
            "no max-shift: exp overflows at large inputs",
            SoftMaxNoShift,
            "unstable",
        ),
    ),
    aliases=("softmax", "softmaxlayer", "softmaxactivation", "mysoftmax"),
    hint="exp overflows without the max shift (subtract each row's max, 4a)",
)
