"""The criterion contract: set_target(t), cost = fprop(z), grad_z = bprop().

Not a Module: a criterion's fprop returns a float (the cost), its bprop takes no incoming
gradient (backpropagation starts at the cost) and it has no parameters.
"""

from __future__ import annotations

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.modules.validate import batch, cached, shape_str


class Criterion:
    """A cost: the mean over the batch of a per-sample loss ℓ(z_b, t_b).

    set_target(t), then cost = fprop(z) -> float, then grad_z = bprop() -> (B, N).
    The target t is integer class labels of shape (B,) or rows of a
    distribution of shape (B, N), one-hot or soft, each row summing to 1.
    """

    formula = ""  # the per-sample loss, one line, for `gradcheck list`

    def __init__(self) -> None:
        self.name = type(self).__name__
        self.t: np.ndarray | None = None  # (B, N) distribution, or (B,) labels
        self.z: np.ndarray | None = None  # (B, N), cached by fprop for bprop

    def __repr__(self) -> str:
        return f"{self.name}()"

    def set_target(self, t) -> None:
        """t: integer labels (B,), or distribution rows (B, N) each summing to 1."""
        t = np.asarray(t)
        if t.ndim == 1 and t.dtype.kind in "iu":
            if t.size and t.min() < 0:
                b = int(np.argmax(t < 0))
                raise GradcheckError(
                    f"{self.name} target labels must be >= 0, got {t[b]} for sample {b}"
                )
        elif t.ndim == 2 and t.dtype.kind == "f":
            _check_distribution(self.name, t)
        else:
            raise GradcheckError(
                f"{self.name} target must be integer labels of shape (B,) or a float "
                f"distribution of shape (B, N), got {t.dtype} of shape {shape_str(t.shape)}"
            )
        self.t = t

    def fprop(self, z: np.ndarray) -> float:
        """The cost: the mean over the batch of the per-sample losses."""
        raise NotImplementedError

    def bprop(self) -> np.ndarray:
        """grad_z (B, N) of the cost of the last fprop."""
        cached(self.name, self.z)
        return self._bprop()

    def _bprop(self) -> np.ndarray:
        raise NotImplementedError

    def _input_z(self, z) -> np.ndarray:
        """z checked against the target: batch size, classes, label range."""
        if self.t is None:
            raise GradcheckError(f"{self.name}.fprop called before set_target")
        z = batch(self.name, z, finite=False)
        if z.shape[0] == 0 or z.shape[1] == 0:
            raise GradcheckError(
                f"{self.name}.fprop expects at least one sample and one "
                f"class, got input of shape {shape_str(z.shape)}"
            )
        if np.isnan(z).any():
            raise GradcheckError(f"{self.name}.fprop expects no NaN in its input, got NaN")
        t = self.t
        if t.shape[0] != z.shape[0] or (t.ndim == 2 and t.shape != z.shape):
            want = shape_str(z.shape) if t.ndim == 2 else f"({z.shape[0]},)"
            raise GradcheckError(
                f"{self.name} target shape {shape_str(t.shape)} does not fit input "
                f"{shape_str(z.shape)}: expected {want}"
            )
        if t.ndim == 1 and t.max() >= z.shape[1]:
            b = int(np.argmax(t >= z.shape[1]))
            raise GradcheckError(
                f"{self.name} target labels must be < {z.shape[1]} (the input's columns), "
                f"got {t[b]} for sample {b}"
            )
        self.z = z
        return z

    def target_rows(self) -> np.ndarray:
        """The target as a (B, N) distribution (one-hot for labels)."""
        z, t = self._cache()
        if t.ndim == 2:
            return t
        onehot = np.zeros(z.shape, z.dtype)  # (B, N)
        onehot[np.arange(len(t)), t] = 1
        return onehot

    def _cache(self) -> tuple[np.ndarray, np.ndarray]:
        """(z, t) of the last fprop, or an error: bprop called before fprop."""
        return cached(self.name, self.z), cached(self.name, self.t)


def _check_distribution(name: str, t: np.ndarray) -> None:
    """Rows of t must be non-negative and sum to 1."""
    if not np.isfinite(t).all() or (t < 0).any():
        raise GradcheckError(f"{name} target rows must be finite and >= 0, got min {t.min()}")
    sums = t.sum(axis=1)
    bad = np.flatnonzero(np.abs(sums - 1) > 1e-6 * t.shape[1])
    if bad.size:
        raise GradcheckError(
            f"{name} target rows must sum to 1, got {sums[bad[0]]} in row {bad[0]}"
        )
