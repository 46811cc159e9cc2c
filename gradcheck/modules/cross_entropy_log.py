"""CrossEntropyLog on log-probabilities: ℓ = -t·z."""

from __future__ import annotations

import numpy as np

from gradcheck.modules.criterion import Criterion
from gradcheck.modules.spec import Bug, Spec


class CrossEntropyLog(Criterion):
    """Cross-entropy of log-probabilities z against target t, mean over the batch.

    fprop: cost = (1/B) Σ_b -t_b·z_b
    bprop: grad_z = -t / B
    """

    formula = "ℓ = -Σ_i t_i z_i"

    def fprop(self, z: np.ndarray) -> float:
        z = self._input_z(z)
        t = self.target_rows()
        with np.errstate(invalid="ignore"):
            prod = np.where(
                t > 0, t * z, 0
            )  # (B, N); 0·(-inf) is 0; t·(-inf) is an honest inf cost
        losses = -prod.sum(axis=1)  # (B,)
        return float(losses.mean())

    def _bprop(self) -> np.ndarray:
        return -self.target_rows() / len(self._cache()[0])  # (B, N)


# Planted bugs: the sign, and a mean over the wrong axis.


class CrossEntropyLogSign(CrossEntropyLog):
    def _bprop(self):
        return -super()._bprop()


class CrossEntropyLogMeanAll(CrossEntropyLog):
    """The mean over all B·N entries instead of the sum over classes, consistently in bprop."""

    def fprop(self, z):
        return super().fprop(z) / z.shape[1]

    def _bprop(self):
        return super()._bprop() / self.z.shape[1]


SPEC = Spec(
    CrossEntropyLog,
    kind="criterion",
    derivation="gradcheck.derivations.cross_entropy_log",
    domain="log-probabilities",
    facts=("∂ℓ/∂z_i = 0 where t_i = 0",),
    bugs=(
        Bug("cross-entropy-log-sign", "gradient without its minus sign: t", CrossEntropyLogSign),
        Bug(
            "cross-entropy-log-mean-all",
            "mean over all B·N entries, not the sum over classes, in fprop and bprop",
            CrossEntropyLogMeanAll,
            "fprop",
        ),
    ),
    aliases=(
        "crossentropylog",
        "logcrossentropy",
        "logcrossentropyloss",
        "crossentropylogloss",
        "crossentropylogcriterion",
        "nllloss",
        "negativeloglikelihood",
        "mycrossentropylog",
        "logcrossentropycriterion",
    ),
)
