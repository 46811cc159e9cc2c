"""Parameter Jacobians too large to hold, compared three ways while bprop's rows stream by.

The symbolic and finite-difference Jacobians are row-sparse (checker/sparse.py); bprop's rows
(one one-hot incoming gradient each) are read one at a time where either reference stores a
value, counted elsewhere (they must be zero there), and dropped. One pass serves every
parameter, all three pairs and the structural facts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from gradcheck.checker.compare import Label
from gradcheck.checker.running import Running
from gradcheck.checker.sparse import RowSparse, stored
from gradcheck.checker.stepsize import Tolerance
from gradcheck.threeway.result import Entry3, ThreeWay
from gradcheck.threeway.tolerances import Tolerances
from gradcheck.threeway.triage import triage

SYM, FD, BPROP = "symbolic", "finite differences", "bprop"
PAIRS = {"sym_fd": (SYM, FD), "bprop_sym": (SYM, BPROP), "bprop_fd": (FD, BPROP)}


STORED_PER_FLUSH = 2**22  # stored entries gathered before they are compared


def bprop_rows(module, x: np.ndarray, r0: int, r1: int) -> list[np.ndarray]:
    """Rows r0..r1-1 of every parameter's Jacobian: its gradient after bprop of e_r."""
    y = module.fprop(x)
    out = [np.empty((r1 - r0, np.size(p))) for p in module.params]  # each (c, P_k)
    for r in range(r0, r1):
        e = np.zeros_like(y)
        e.flat[r] = 1
        module.bprop(e)
        for k, g in enumerate(module.grads):
            out[k][r - r0] = np.ravel(g)
    return out


@dataclass
class Stream:
    """One module's parameters: names, row-sparse sym and FD, and what the pass found.

    Each bprop row is read where sym or FD store a value (gathered, compared in batches) and
    counted elsewhere (count_nonzero); only a row with non-zeros there is searched. Besides
    the pairs, per parameter: max |bprop| and max |bprop| where the reference is structurally
    zero (outside sym's support), for the structural facts.
    """

    module: object
    x: np.ndarray
    names: list[str]
    syms: list[RowSparse]
    fds: list[RowSparse]
    found: dict = field(default_factory=dict)  # (tols, worst) -> {name: {pair: Running}}
    stats: dict = field(default_factory=dict)  # name -> {"max_abs": ., "off_support": .}

    def run(self, tols: Tolerances, worst: int) -> dict:
        key = (tols, worst)
        if key not in self.found:
            self.found[key] = self._pass(tols, worst)
        return self.found[key]

    def _pass(self, tols: Tolerances, worst: int) -> dict:
        runs = {
            n: {
                "sym_fd": Running(tols.fd, worst),
                "bprop_sym": Running(tols.exact, worst),
                "bprop_fd": Running(tols.fd, worst),
            }
            for n in self.names
        }
        digests = [_Digest(sym, fd) for sym, fd in zip(self.syms, self.fds, strict=True)]
        y = self.module.fprop(self.x)
        n_rows = y.size
        per_flush = max(1, STORED_PER_FLUSH // sum(d.width for d in digests))
        for r in range(n_rows):
            e = np.zeros_like(y)
            e.flat[r] = 1
            self.module.bprop(e)
            for d, g in zip(digests, self.module.grads, strict=True):
                d.read(np.ravel(g), r)
            if (r + 1) % per_flush == 0 or r + 1 == n_rows:
                for name, d in zip(self.names, digests, strict=True):
                    d.flush(runs[name], r + 1)
        self.stats = {n: d.stats for n, d in zip(self.names, digests, strict=True)}
        return runs


class _Digest:
    """One parameter's bprop rows as they come: stored positions kept, the rest counted."""

    def __init__(self, sym: RowSparse, fd: RowSparse) -> None:
        self.sym, self.fd, self.p = sym, fd, sym.n_cols
        self.extra = np.union1d(sym.extra_cols, fd.extra_cols)
        self.width = sym.cols.shape[1] + len(self.extra)
        self.r0, self.rows, self.vals, self.off_idx, self.off_vals = 0, [], [], [], []
        self.stats = {"max_abs": 0.0, "off_support": 0.0}

    def where(self, r: int) -> np.ndarray:
        """Sorted columns of row r where sym or FD store a value."""
        return np.union1d(self.sym.cols[r], self.extra) if self.extra.size else self.sym.cols[r]

    def read(self, g: np.ndarray, r: int) -> None:
        cols = self.where(r)
        b = np.asarray(g[cols], np.float64)
        self.rows.append(cols)
        self.vals.append(b)
        n_off = np.count_nonzero(g) - np.count_nonzero(b)
        if n_off:
            nz = np.flatnonzero(g)
            nz = nz[~np.isin(nz, cols, assume_unique=True)]
            self.off_idx.append(r * self.p + nz)
            self.off_vals.append(np.asarray(g[nz], np.float64))

    def flush(self, runs: dict, r1: int) -> None:
        """Compare rows self.r0..r1-1."""
        r0, p = self.r0, self.p
        local = np.concatenate([c + (r - r0) * p for r, c in enumerate(self.rows, start=r0)])
        s_e, f_e = self.sym.at(local, r0, r1), self.fd.at(local, r0, r1)
        b_e = np.concatenate(self.vals)
        idx = r0 * p + local
        off_idx = np.concatenate(self.off_idx) if self.off_idx else np.zeros(0, np.int64)
        off = np.concatenate(self.off_vals) if self.off_vals else np.zeros(0)
        rest = (r1 - r0) * p - len(local)
        runs["sym_fd"].add(s_e, f_e, idx)
        runs["sym_fd"].add_equal(rest)
        for pair, ref in (("bprop_sym", s_e), ("bprop_fd", f_e)):
            runs[pair].add(ref, b_e, idx)
            runs[pair].add(0.0, off, off_idx)
            runs[pair].add_equal(rest - len(off))
        self._stats(local, b_e, off, r0, r1)
        self.stats["against_symbolic"] = runs["bprop_sym"].max_abs
        self.r0, self.rows, self.vals, self.off_idx, self.off_vals = r1, [], [], [], []

    def _stats(self, local, b_e, off, r0, r1) -> None:
        sup = (np.arange(r1 - r0)[:, None] * self.p + self.sym.cols[r0:r1]).ravel()
        outside = np.ones(len(local), bool)
        outside[np.searchsorted(local, sup)] = False
        st = self.stats
        st["max_abs"] = max(st["max_abs"], _amax(b_e), _amax(off))
        st["off_support"] = max(st["off_support"], _amax(off), _amax(b_e[outside]))


def _amax(a: np.ndarray) -> float:
    """max |a| (0 if empty, inf if NaN)."""
    m = float(np.abs(a).max(initial=0))
    return np.inf if np.isnan(m) else m


@dataclass(frozen=True)
class SparseTriple:
    """One parameter's Jacobian three ways, row-sparse references and streamed bprop rows."""

    name: str
    sym: RowSparse
    fd: RowSparse
    label: Label
    shape: tuple[int, ...]
    stream: Stream
    refd: Callable[[], RowSparse] | None = None  # finite differences again, at another step
    kinks: None = None  # a Linear's parameters have none
    ladder: None = None  # finite differences are not refined at smaller steps here
    scale: None = None

    def three_way(self, tols: Tolerances, worst: int = 5) -> ThreeWay:
        """As three.three_way: the three pairs, the triage and the worst entries."""
        runs = self.stream.run(tols, worst)[self.name]
        checks = {
            pair: run.result(self.name, self.shape, self.label, *PAIRS[pair])
            for pair, run in runs.items()
        }
        key = triage(checks["sym_fd"].passed, checks["bprop_sym"].passed, checks["bprop_fd"].passed)
        if key == "step" and self.refd is not None:
            again = self.refd()
            if not same(self.sym, again, tols.fd) and same(self.fd, again, tols.fd):
                key = "fprop-only"
        return ThreeWay(
            self.name,
            checks["sym_fd"],
            checks["bprop_sym"],
            checks["bprop_fd"],
            key,
            self._worst(runs, key),
        )

    def _worst(self, runs: dict, key: str) -> tuple[Entry3, ...]:
        """The worst entries of the pair that shows the finding, with all three values."""
        if key == "ok":
            return ()
        pair = {"step": "sym_fd", "fprop-only": "sym_fd"}.get(key, "bprop_sym")
        if key == "borderline":
            pair = max(runs, key=lambda p: runs[p].max_excess)
        index = runs[pair].bad.cols[1]
        found = []
        for flat in index:
            r, c = divmod(int(flat), self.sym.n_cols)
            bp = bprop_rows(self.stream.module, self.stream.x, r, r + 1)[
                self.stream.names.index(self.name)
            ]
            found.append(
                Entry3(
                    *self.label(int(flat)),
                    float(self.sym.rows(r, r + 1)[0, c]),
                    float(bp[0, c]),
                    float(self.fd.rows(r, r + 1)[0, c]),
                )
            )
        return tuple(found)


def same(ref: RowSparse, cand: RowSparse, tol: Tolerance) -> bool:
    """Whether two row-sparse Jacobians of one support agree entry by entry."""
    run = Running(tol, 1)
    c = max(1, 2**22 // max(1, ref.cols.shape[1] + len(ref.extra_cols) + len(cand.extra_cols)))
    for r0 in range(0, len(ref.cols), c):
        r1 = min(len(ref.cols), r0 + c)
        local = stored([ref, cand], r0, r1)
        run.add(ref.at(local, r0, r1), cand.at(local, r0, r1), local)
    return run.n_bad == 0
