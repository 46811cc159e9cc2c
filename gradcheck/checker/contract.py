"""The row-independence contract the vectorised checks rely on."""

from __future__ import annotations

import numpy as np

from gradcheck.checker.result import ContractCheck


def toward_min(row: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Another input in row's domain: each entry halfway to the row's least (inside the range of
    its own entries: ln's x > 0 stays valid); for a row of equal entries, the row plus noise."""
    if row.size > 1 and np.ptp(row) > 0:
        return (row + row.min()) / 2  # (N,)
    return (row + rng.standard_normal(row.shape) * np.maximum(1, np.abs(row))).astype(row.dtype)


def row_contract(module, x: np.ndarray, rng: np.random.Generator) -> ContractCheck:
    """Perturbing row 0 must leave other rows unchanged; each row alone must give its output.
    Row 0 moves halfway to row 1 (a convex combination of two valid inputs: still in the
    module's domain, whatever it is)."""
    if x.shape[0] < 2:
        x = np.vstack([x, toward_min(x[0], rng)[None]])
    y = np.array(module.fprop(x), dtype=np.float64)  # (B, M)
    tol = 64 * np.finfo(x.dtype).eps * max(1.0, float(np.abs(y).max()))
    x2 = x.copy()
    x2[0] = (x[0] + x[1]) / 2 if (x[0] != x[1]).any() else toward_min(x[0], rng)
    y2 = np.array(module.fprop(x2), dtype=np.float64)
    moved = np.abs(y2[1:] - y[1:]).max()
    if moved > tol:
        return ContractCheck(
            False,
            f"perturbing row 0 changed other rows by up to {moved:.3g}: "
            "rows are not treated independently",
        )
    for b in range(x.shape[0]):
        alone = np.array(module.fprop(x[b : b + 1]), dtype=np.float64)[0]
        gap = np.abs(alone - y[b]).max()
        if gap > tol:
            return ContractCheck(
                False,
                f"row {b} alone gives an output {gap:.3g} away from the same row in the batch",
            )
    return ContractCheck(True, f"rows independent (checked {x.shape[0]} rows)")


def cost_contract(criterion, z: np.ndarray) -> ContractCheck:
    """The batch cost must be the mean of the per-sample costs."""
    cost = criterion.fprop(z)
    t = criterion.t
    singles = []
    for b in range(z.shape[0]):
        criterion.set_target(t[b : b + 1])
        singles.append(criterion.fprop(z[b : b + 1]))
    criterion.set_target(t)
    mean = float(np.mean(singles))
    tol = 64 * np.finfo(z.dtype).eps * max(1.0, abs(mean))
    if not abs(cost - mean) <= tol:
        return ContractCheck(
            False, f"batch cost {cost:.6g} is not the mean {mean:.6g} of the per-sample costs"
        )
    return ContractCheck(True, f"cost is the mean of {z.shape[0]} per-sample costs")
