"""CrossEntropy on probabilities: ℓ = -Σ_i t_i ln z_i."""

from __future__ import annotations

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.modules.criterion import Criterion
from gradcheck.modules.spec import Bug, Spec


class CrossEntropy(Criterion):
    """Cross-entropy of probabilities z against target t, mean over the batch.

    fprop: cost = (1/B) Σ_b -Σ_i t_bi ln z_bi    # inf when z_bi = 0 with t_bi > 0
    bprop: grad_z = -t / (B z)                   # unbounded as z_i → 0 with t_i > 0
    """

    formula = "ℓ = -Σ_i t_i ln z_i"

    def fprop(self, z: np.ndarray) -> float:
        z = self._input_z(z)
        if (z < 0).any():
            raise GradcheckError(f"CrossEntropy expects probabilities z >= 0, got min {z.min()}")
        t = self._cache()[1]
        with np.errstate(divide="ignore"):  # ln 0 = -inf is the honest answer; no epsilon
            if t.ndim == 1:  # labels: only the target class counts
                losses = -np.log(z[np.arange(len(z)), t])  # (B,)
            else:
                logs = np.log(z, out=np.zeros_like(z), where=t > 0)  # (B, N), 0 where t = 0
                losses = -(t * logs).sum(axis=1)  # (B,)
        return float(losses.mean())

    def _bprop(self) -> np.ndarray:
        z, t = self._cache()
        if t.ndim == 1:  # labels: one non-zero entry per row
            rows = np.arange(len(z))
            _check_bounded(z[rows, t], rows, t, np.ones(len(z)))
            grad = np.zeros_like(z)
            with np.errstate(over="ignore", divide="ignore"):
                grad[rows, t] = -1 / (z[rows, t] * len(z))  # (B,) entries of (B, N)
            _check_finite(grad[rows, t], z[rows, t], rows, t)
            return grad
        r, i = np.nonzero(t > 0)
        _check_bounded(z[r, i], r, i, t[r, i])
        with np.errstate(over="ignore"):
            grad = np.divide(-t, z * len(z), out=np.zeros_like(z), where=t > 0)  # (B, N)
        _check_finite(grad[r, i], z[r, i], r, i)
        return grad


def _check_bounded(p: np.ndarray, rows, cols, t: np.ndarray) -> None:
    """-t_i/z_i is unbounded where a target class has z_i = 0."""
    if (p == 0).any():
        k = int(np.argmax(p == 0))
        raise GradcheckError(
            f"CrossEntropy gradient -t_i/z_i is unbounded: z[{rows[k]}, {cols[k]}] = 0 with "
            f"t = {t[k]:g}; use LogSoftMax + CrossEntropyLog"
        )


def _check_finite(g: np.ndarray, p: np.ndarray, rows, cols) -> None:
    """-t_i/z_i can overflow for a tiny z_i (float32: below about 3e-39)."""
    if not np.isfinite(g).all():
        k = int(np.argmax(~np.isfinite(g)))
        raise GradcheckError(
            f"CrossEntropy gradient -t_i/z_i overflows {p.dtype}: z[{rows[k]}, {cols[k]}] = "
            f"{p[k]}; use LogSoftMax + CrossEntropyLog"
        )


# Planted bugs: the sign and the batch mean, the classic slips.


class CrossEntropySign(CrossEntropy):
    def _bprop(self):
        return -super()._bprop()


class CrossEntropySum(CrossEntropy):
    def _bprop(self):
        return super()._bprop() * len(self.z)


class CrossEntropyNoMean(CrossEntropy):
    """-t / z, written out, without the 1/B of the batch mean."""

    def _bprop(self):
        t = self.target_rows()
        return np.divide(-t, self.z, out=np.zeros_like(self.z), where=t > 0)


SPEC = Spec(
    CrossEntropy,
    kind="criterion",
    derivation="gradcheck.derivations.cross_entropy",
    domain="probabilities",
    facts=("∂ℓ/∂z_i = 0 where t_i = 0",),
    bugs=(
        Bug("cross-entropy-sign", "gradient without its minus sign: t / z", CrossEntropySign),
        Bug(
            "cross-entropy-sum",
            "gradient of the summed cost while fprop is the mean",
            CrossEntropySum,
        ),
        Bug(
            "cross-entropy-no-mean", "bprop -t / z, without the 1/B of the mean", CrossEntropyNoMean
        ),
    ),
    aliases=(
        "crossentropy",
        "crossentropyloss",
        "crossentropycriterion",
        "crossentropycost",
        "crossentropyerror",
        "celoss",
        "mycrossentropy",
        "categoricalcrossentropy",
    ),
    hint="a probability is 0 and ln 0 = -inf: use LogSoftMax + CrossEntropyLog (--stable)",
)
