"""Row-sparse Jacobians: J (R, P) zero outside a known set of columns per row.

A Linear's ∂y_bk/∂W_ij = δ_jk x_bi has n_in non-zeros in each of its B·M rows, out of
n_in·n_out columns: stored as cols (R, S) and vals (R, S), never as the dense (R, P) matrix.
Finite differences add `extra` columns: parameter entries measured one at a time because
their measurement did not fit the sparsity (they override vals there).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class RowSparse:
    """J[r, cols[r, s]] = vals[r, s], zero elsewhere, except the dense columns extra_cols."""

    cols: np.ndarray  # (R, S) int, ascending within a row
    vals: np.ndarray  # (R, S) float64
    n_cols: int  # P
    extra_cols: np.ndarray = field(default_factory=lambda: np.zeros(0, int))  # (E,) sorted
    extra: np.ndarray | None = None  # (R, E) float64

    def __post_init__(self) -> None:
        if self.cols.shape[1] > 1 and not (np.diff(self.cols, axis=1) > 0).all():
            raise ValueError("RowSparse cols must ascend within each row")

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.cols), self.n_cols)

    def rows(self, r0: int, r1: int) -> np.ndarray:
        """The dense rows r0..r1-1, (r1 - r0, P)."""
        out = np.zeros((r1 - r0, self.n_cols))
        np.put_along_axis(out, self.cols[r0:r1], self.vals[r0:r1], axis=1)
        if self.extra_cols.size:
            out[:, self.extra_cols] = self.extra[r0:r1]
        return out

    def dense(self) -> np.ndarray:
        return self.rows(0, len(self.cols))  # (R, P)

    def at(self, local: np.ndarray, r0: int, r1: int) -> np.ndarray:
        """Values at sorted local flat positions of rows r0..r1-1 that include every stored one."""
        c = r1 - r0
        if len(local) == self.cols[r0:r1].size:  # only the support, in its sorted order
            return self.vals[r0:r1].ravel().copy()
        v = np.zeros(len(local))
        sup = (np.arange(c)[:, None] * self.n_cols + self.cols[r0:r1]).ravel()
        v[np.searchsorted(local, sup)] = self.vals[r0:r1].ravel()
        if self.extra_cols.size:
            ext = (np.arange(c)[:, None] * self.n_cols + self.extra_cols).ravel()
            v[np.searchsorted(local, ext)] = self.extra[r0:r1].ravel()
        return v

    def abs(self) -> RowSparse:
        """|J|, entry by entry."""
        extra = None if self.extra is None else np.abs(self.extra)
        return RowSparse(self.cols, np.abs(self.vals), self.n_cols, self.extra_cols, extra)

    def contract(self, g: np.ndarray) -> np.ndarray:
        """g J for g (R,): (P,)."""
        out = np.bincount(
            self.cols.ravel(), weights=(g[:, None] * self.vals).ravel(), minlength=self.n_cols
        )
        if self.extra_cols.size:
            out[self.extra_cols] = g @ self.extra
        return out


def stored(js: list[RowSparse], r0: int, r1: int) -> np.ndarray:
    """Sorted local flat positions (row - r0)·P + col stored by any of js in rows r0..r1-1.

    All js share the support cols (the reference's); their extra columns may differ.
    """
    c, p = r1 - r0, js[0].n_cols
    sup = (np.arange(c)[:, None] * p + js[0].cols[r0:r1]).ravel()
    extra = np.unique(np.concatenate([j.extra_cols for j in js]))
    if not extra.size:
        return sup  # ascending: cols ascend within each row
    return np.union1d(sup, (np.arange(c)[:, None] * p + extra).ravel())


def column_rows(cols: np.ndarray, n_cols: int) -> tuple[np.ndarray, np.ndarray]:
    """For each column, the rows whose support holds it and where (flat in cols), padded -1.

    Both (P, max degree): rows[c, d] is a row r with cols[r, s] = c, slots[c, d] = r·S + s.
    """
    rr = np.repeat(np.arange(len(cols)), cols.shape[1])
    cc = cols.ravel()
    order = np.argsort(cc, kind="stable")  # by column, rows ascending (rr is sorted)
    deg = np.bincount(cc, minlength=n_cols)
    pos = np.arange(len(cc)) - np.repeat(np.cumsum(deg) - deg, deg)
    shape = (n_cols, max(int(deg.max(initial=0)), 1))
    rows, slots = np.full(shape, -1), np.full(shape, -1)
    rows[cc[order], pos] = rr[order]
    slots[cc[order], pos] = order
    return rows, slots
