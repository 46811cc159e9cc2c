"""Finite differences with an optional relative step: the checker's, or a chosen one.

`rel=None` uses the checker's own step cbrt(eps)·max(1, |x|); a number replaces cbrt(eps),
to show what a too-small or too-large step does.
"""

from __future__ import annotations

import numpy as np

from gradcheck.checker import jacobian as jac
from gradcheck.checker.stepsize import steps


def rel_steps(x: np.ndarray, rel: float | None) -> np.ndarray:
    """The step per entry, exactly representable: (x + h) - x."""
    return steps(x, rel)


def other_step(rel: float | None, dtype) -> float | None:
    """A second step to tell a step problem from a wrong fprop: the default, or a quarter of it."""
    return float(np.cbrt(np.finfo(dtype).eps)) / 4 if rel is None else None


def input_jacobian(module, x: np.ndarray, b: int, rel: float | None) -> np.ndarray:
    """J[i, j] = ∂y_bi/∂x_bj for sample b, all 2N perturbations in one batched fprop."""
    return jac.input_jacobian_fd(module, x, b, rel)


def param_jacobian(module, x: np.ndarray, k: int, rel: float | None,
                   support: np.ndarray | None = None) -> np.ndarray:
    """J[r, j] = ∂y_r/∂p_j for parameter k, r over the flattened batch output (B·M).

    support (where bprop's Jacobian is non-zero) lets entries with disjoint outputs be
    perturbed together; the checker verifies the hint and falls back where it is wrong.
    """
    return jac.param_jacobian_fd(module, x, k, support, rel=rel)


def criterion_gradient(criterion, z: np.ndarray, rel: float | None) -> np.ndarray:
    """∂cost/∂z, one entry at a time."""
    return jac.criterion_gradient_fd(criterion, z, rel)
