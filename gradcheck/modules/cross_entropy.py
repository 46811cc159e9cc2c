"""CrossEntropy on probabilities: ℓ = -Σ_i t_i ln z_i."""

from __future__ import annotations

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.modules.criterion import Criterion


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
        t = self.target_rows()
        with np.errstate(divide="ignore"):  # ln 0 = -inf is the honest answer; no epsilon
            logs = np.log(z, out=np.zeros_like(z), where=t > 0)  # (B, N), 0 where t = 0
        self.losses = -(t * logs).sum(axis=1)  # (B,)
        return float(self.losses.mean())

    def _bprop(self) -> np.ndarray:
        t, z = self.target_rows(), self.z
        hit = (t > 0) & (z == 0)
        if hit.any():
            r, i = (int(k) for k in np.argwhere(hit)[0])
            raise GradcheckError(
                f"CrossEntropy gradient -t_i/z_i is unbounded: z[{r}, {i}] = 0 with "
                f"t = {t[r, i]}; use LogSoftMax + CrossEntropyLog")
        with np.errstate(over="ignore"):
            grad = np.divide(-t, z * len(z), out=np.zeros_like(z), where=t > 0)  # (B, N)
        if not np.isfinite(grad).all():
            r, i = (int(k) for k in np.argwhere(~np.isfinite(grad))[0])
            raise GradcheckError(
                f"CrossEntropy gradient -t_i/z_i overflows {z.dtype}: z[{r}, {i}] = {z[r, i]}; "
                "use LogSoftMax + CrossEntropyLog")
        return grad
