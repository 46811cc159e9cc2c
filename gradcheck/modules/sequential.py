"""Sequential: modules applied in order, gradients back in reverse."""

from __future__ import annotations

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.modules.module import Module


class Sequential(Module):
    """A chain of modules.

    fprop: y = f_n(... f_2(f_1(x)))
    bprop: grad_x = bprop_1(... bprop_n(grad_y))
    """

    formula = "y = f_n(… f_1(x))"

    def __init__(self, *modules: Module) -> None:
        self.modules = list(modules)
        self.y = None

    @property  # the modules' own, read afresh, never assigned
    def params(self) -> list[np.ndarray]:  # type: ignore[override]
        """Every module's parameters, in order; read afresh (a student's module may rebind)."""
        return [p for m in self.modules for p in m.params]

    @property
    def grads(self) -> list[np.ndarray]:  # type: ignore[override]
        return [g for m in self.modules for g in m.grads]

    @property
    def requires_input_grad(self) -> bool:
        return getattr(self.modules[0], "requires_input_grad", True) if self.modules else True

    def fprop(self, x: np.ndarray) -> np.ndarray:
        for m in self.modules:
            x = m.fprop(x)
        self.y = x
        return x

    def bprop(self, grad_y: np.ndarray) -> np.ndarray | None:
        g = self._grad(grad_y, self.y)
        for k in range(len(self.modules) - 1, 0, -1):
            inner = self.modules[k].bprop(g)
            if inner is None:  # only the first module may skip grad_x
                raise GradcheckError(
                    f"{self.modules[k].name}.bprop returned no grad_x, but "
                    f"module {k - 1} of the Sequential needs it"
                )
            g = inner
        return self.modules[0].bprop(g) if self.modules else g

    def kinks(self, x: np.ndarray, h: np.ndarray) -> np.ndarray | None:
        """Whole rows whose path crosses a kink of an inner module (its own step scale)."""
        rows = np.zeros(x.shape[0], dtype=bool)
        rel = 10 * float((h / np.maximum(1, np.abs(x))).max())  # margin for amplification
        for m in self.modules:
            step = rel * np.maximum(1, np.abs(x))
            k = m.kinks(x, step)
            if k is not None:
                rows |= k.any(axis=1)
            x = m.fprop(x)
        return np.broadcast_to(rows[:, None], h.shape) if rows.any() else None

    def __repr__(self) -> str:
        return "Sequential(" + ", ".join(repr(m) for m in self.modules) + ")"
