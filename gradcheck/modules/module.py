"""The module contract: fprop caches what bprop needs; bprop uses the cache."""

from __future__ import annotations

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.modules.validate import batch, cached, shape_str


class Module:
    """A layer: y = fprop(x) on a batch x of shape (B, N), grad_x = bprop(grad_y).

    Rows are samples and are treated independently. Parameter gradients are
    *overwritten* by each bprop with the gradient summed over the batch.
    """

    formula = ""  # the fprop, one line, for `gradcheck list`

    def __init__(self) -> None:
        self.params: list[np.ndarray] = []
        self.grads: list[np.ndarray] = []
        self.y: np.ndarray | None = None

    @property
    def name(self) -> str:
        return type(self).__name__

    def fprop(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def bprop(self, grad_y: np.ndarray) -> np.ndarray | None:
        """grad_x (None for a first layer that computes none: Linear(requires_input_grad=False))."""
        raise NotImplementedError

    def zero_grad(self) -> None:
        for g in self.grads:
            g.fill(0)

    def kinks(self, x: np.ndarray, h: np.ndarray) -> np.ndarray | None:
        """Inputs within a step h of a point where fprop is not differentiable, or None."""
        return None

    def __repr__(self) -> str:
        return f"{self.name}()"

    def _input(self, x, n: int | None = None, finite: bool = True) -> np.ndarray:
        """x as a floating (B, N) array, or a GradcheckError naming expected and actual."""
        return batch(self.name, x, n, finite)

    def _output(self) -> np.ndarray:
        """The output fprop cached, or an error: bprop called before fprop."""
        return cached(self.name, self.y)

    def _grad(self, grad_y, cache: np.ndarray | None, shape: tuple | None = None) -> np.ndarray:
        """grad_y checked against the output's shape (the cached output's, unless given):
        bprop before fprop (nothing cached), or a shape mismatch."""
        cache = cached(self.name, cache)
        want = cache.shape if shape is None else shape
        if not isinstance(grad_y, np.ndarray) or grad_y.shape != want:
            got = (
                shape_str(grad_y.shape) if isinstance(grad_y, np.ndarray) else type(grad_y).__name__
            )
            raise GradcheckError(
                f"{self.name}.bprop expects grad_y of the output's shape {shape_str(want)}, "
                f"got {got}"
            )
        return grad_y
