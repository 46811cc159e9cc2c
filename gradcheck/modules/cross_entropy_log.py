"""CrossEntropyLog on log-probabilities: ℓ = -t·z."""

from __future__ import annotations

import numpy as np

from gradcheck.modules.criterion import Criterion


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
            prod = np.where(t > 0, t * z, 0)  # (B, N); 0·(-inf) is 0; t·(-inf) is an honest inf cost
        losses = -prod.sum(axis=1)  # (B,)
        return float(losses.mean())

    def _bprop(self) -> np.ndarray:
        return -self.target_rows() / len(self.z)  # (B, N)
