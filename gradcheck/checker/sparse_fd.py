"""Central differences of a parameter's Jacobian into a RowSparse, guided by a support hint.

Entries whose hinted output rows are disjoint are perturbed together (one fprop pair per
group, checker/coloring.py); each group is measured a second time with other weights, and a
group whose two measurements disagree, or that moves a row no member should touch, is redone
one entry at a time into dense extra columns. The values are those of plain central
differences; what the hint says is zero is stored as zero only where the measurement agrees.
"""

from __future__ import annotations

import numpy as np

from gradcheck.checker.jacobian import _difference, _Flat, _forward, _quotient
from gradcheck.checker.sparse import RowSparse, column_rows
from gradcheck.checker.stepsize import Tolerance, steps, tolerance
from gradcheck.errors import GradcheckError

GOLDEN = 0.6180339887498949
MAX_SETS = 4096  # distinct output-row sets worth grouping; beyond, one entry at a time


def param_fd_sparse(
    module,
    x: np.ndarray,
    k: int,
    support: np.ndarray,
    *,
    rel: float | None = None,
    tol: Tolerance | None = None,
    budget: int | None = None,
) -> RowSparse:
    """∂y_r/∂p_c for parameter k, r over the flattened output (B·M), hinted by support (R, S).

    budget: bytes the dense extra columns may take before the check refuses.
    """
    p = module.params[k]
    flat = p.reshape(-1) if p.flags.c_contiguous else _Flat(p)
    h = steps(np.ravel(p), rel).astype(np.float64)
    rows, slots = column_rows(support, flat.size)
    tol = tol or tolerance(flat.dtype)
    y0 = np.asarray(module.fprop(x), dtype=np.float64).ravel()  # (R,)
    vals = np.zeros(support.shape)  # (R, S)
    redo = []
    for g in groups(rows):
        value = _read_group(module, x, flat, g, h, rows[g], y0, tol)
        if value is None:
            redo.extend(int(c) for c in g)
            _within(budget, len(redo), len(y0), p.shape)
        else:
            ok = rows[g] >= 0
            vals.ravel()[slots[g][ok]] = value[rows[g][ok]]
    extra = np.zeros((len(y0), len(redo)))  # (R, E)
    for e, c in enumerate(redo):
        d, span = _difference(module, x, flat, np.array([c]), h[[c]])
        extra[:, e] = _quotient(d, span[0])
    order = np.argsort(redo, kind="stable")
    return RowSparse(support, vals, flat.size, np.array(redo, int)[order], extra[:, order])


def groups(rows: np.ndarray) -> list[np.ndarray]:
    """Columns in groups whose row sets (rows, padded -1) are pairwise disjoint.

    Greedy over the distinct row sets (a Linear's W has one per output k, all disjoint: one
    class, so n_in groups of n_out entries); past MAX_SETS distinct sets, one entry per group.
    """
    sigs, inverse = _distinct(rows)
    if len(sigs) > MAX_SETS:
        return [np.array([c]) for c in range(len(rows))]
    used: list[np.ndarray] = []  # per class, the rows its sets touch
    members: list[list[int]] = []
    n_rows = int(rows.max(initial=-1)) + 1
    for s, sig in enumerate(sigs):
        touched = sig[sig >= 0]
        home = next((c for c, u in enumerate(used) if not u[touched].any()), None)
        if home is None:
            used.append(np.zeros(max(n_rows, 1), bool))
            members.append([])
            home = len(used) - 1
        used[home][touched] = True
        members[home].append(s)
    order = np.argsort(inverse, kind="stable")
    by_sig = np.split(order, np.cumsum(np.bincount(inverse, minlength=len(sigs)))[:-1])
    found = []
    for ms in members:
        lengths = [len(by_sig[s]) for s in ms]
        table = np.full((len(ms), max(lengths)), -1)  # (sets, entries): g-th entry of each set
        for row, s in enumerate(ms):
            table[row, : lengths[row]] = by_sig[s]
        found.extend(col[col >= 0] for col in table.T)
    return found


def _distinct(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(rows, axis=0, return_inverse=True), by one lexsort of integer columns."""
    order = np.lexsort(rows.T[::-1])
    ranked = rows[order]
    new = np.ones(len(rows), bool)
    new[1:] = (ranked[1:] != ranked[:-1]).any(axis=1)
    inverse = np.empty(len(rows), np.int64)
    inverse[order] = np.cumsum(new) - 1
    return ranked[new], inverse


def _read_group(module, x, flat, g, h, g_rows, y0, tol) -> np.ndarray | None:
    """Each output row's derivative by the member that touches it, or None if the hint lied."""
    d1, s1 = _difference(module, x, flat, g, h[g])  # (R,), (L,) exact spans 2h
    weight = 1 + np.modf(np.arange(len(g)) * GOLDEN)[0]  # distinct, in [1, 2)
    d2, s2 = _forward(module, x, flat, g, h[g] * weight, y0)
    owner = np.full(len(y0), -1)
    ok = g_rows >= 0
    owner[g_rows[ok]] = np.nonzero(ok)[0]
    hit = owner >= 0
    value = _quotient(d1, np.where(hit, s1[np.maximum(owner, 0)], s1.min()))  # (R,)
    off = _quotient(np.abs(d2 - value * np.where(hit, s2[np.maximum(owner, 0)], 0)), s2.min())
    with np.errstate(invalid="ignore"):
        bad = (off > tol.bound(value)).any() or ((np.abs(value) > tol.atol) & ~hit).any()
    return None if bad or not np.isfinite(value).all() else value


def _within(budget: int | None, n_extra: int, n_rows: int, shape) -> None:
    """Refuse before the dense extra columns outgrow the memory budget."""
    need = 8 * n_extra * n_rows
    if budget is not None and need > budget:
        raise GradcheckError(
            f"finite differences of a parameter of shape {tuple(shape)} do not follow the "
            f"reference's sparsity: measuring {n_extra} entries one at a time needs "
            f"{need / 2**20:.0f} MB, over the memory budget of {budget / 2**20:.0f} MB "
            "(--memory-budget MB)"
        )
