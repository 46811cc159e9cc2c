"""The module contract: fprop caches what bprop needs; bprop uses the cache."""

from __future__ import annotations

import numpy as np

from gradcheck.errors import GradcheckError


def shape_str(shape) -> str:
    """A shape as numpy prints it: (2, 3), (2,)."""
    return str(tuple(int(n) for n in shape))


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

    def bprop(self, grad_y: np.ndarray) -> np.ndarray:
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
        if not isinstance(x, np.ndarray):
            raise GradcheckError(f"{self.name}.fprop expects a numpy array, got {type(x).__name__}")
        if x.ndim != 2 or (n is not None and x.shape[1] != n):
            want = f"(B, {n})" if n is not None else "(B, N)"
            raise GradcheckError(f"{self.name}.fprop expects shape {want}, got {shape_str(x.shape)}")
        if x.dtype.kind != "f":
            raise GradcheckError(f"{self.name}.fprop expects a float array, got dtype {x.dtype}")
        if finite and not np.isfinite(x).all():
            raise GradcheckError(f"{self.name}.fprop expects finite input, got {_bad(x)}")
        return x

    def _grad(self, grad_y, cached: np.ndarray | None, shape: tuple | None = None) -> np.ndarray:
        """grad_y checked against the output's shape (the cached output's, unless given):
        bprop before fprop (nothing cached), or a shape mismatch."""
        if cached is None:
            raise GradcheckError(f"{self.name}.bprop called before fprop: nothing is cached")
        want = cached.shape if shape is None else shape
        if not isinstance(grad_y, np.ndarray) or grad_y.shape != want:
            got = shape_str(grad_y.shape) if isinstance(grad_y, np.ndarray) else type(grad_y).__name__
            raise GradcheckError(
                f"{self.name}.bprop expects grad_y of the output's shape {shape_str(want)}, "
                f"got {got}")
        return grad_y


def _bad(x: np.ndarray) -> str:
    """Describe the first non-finite entry of x."""
    idx = tuple(int(i) for i in np.argwhere(~np.isfinite(x))[0])
    return f"{x[idx]} at {idx}"
