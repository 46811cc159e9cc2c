"""Parameter Jacobians too large to hold, compared three ways while bprop's rows stream by.

The symbolic and finite-difference Jacobians are row-sparse (checker/sparse.py); bprop's rows
(one one-hot incoming gradient each) come in chunks that fit the memory budget, are compared
where either reference stores a value, and elsewhere against zero, and are dropped. One pass
serves every parameter, all three pairs and the structural facts.
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


CHUNK_BYTES = 32 * 2**20  # bprop rows held at once, at most (and at most budget / 8)


def bprop_rows(module, x: np.ndarray, r0: int, r1: int, out=None) -> list[np.ndarray]:
    """Rows r0..r1-1 of every parameter's Jacobian: its gradient after bprop of e_r.

    out: buffers (c', P_k), c' >= r1 - r0, to fill and return views of (reused: no page faults).
    """
    y = module.fprop(x)
    if out is None:
        out = [np.empty((r1 - r0, np.size(p))) for p in module.params]  # each (c, P_k)
    out = [o[:r1 - r0] for o in out]
    for r in range(r0, r1):
        e = np.zeros_like(y)
        e.flat[r] = 1
        module.bprop(e)
        for k, g in enumerate(module.grads):
            out[k][r - r0] = np.ravel(g)
    return out


@dataclass
class Stream:
    """One module's parameters: names, row-sparse sym and FD, and what the pass found."""

    module: object
    x: np.ndarray
    names: list[str]
    syms: list[RowSparse]
    fds: list[RowSparse]
    folds: dict[str, list[tuple[str, Callable]]]  # name -> [(fact, violation)]
    shapes: list[tuple[int, ...]]
    budget: int  # bytes
    found: dict = field(default_factory=dict)  # (tols, worst) -> {name: {pair: Running}}
    facts: dict = field(default_factory=dict)  # fact -> (worst violation, max |bprop|)

    def chunk(self) -> int:
        """Rows per chunk: every parameter's rows within CHUNK_BYTES and an eighth of the budget."""
        width = 8 * sum(j.n_cols for j in self.syms)
        return max(1, min(len(self.syms[0].cols), min(self.budget // 8, CHUNK_BYTES) // width))

    def run(self, tols: Tolerances, worst: int) -> dict:
        key = (tols, worst)
        if key not in self.found:
            self.found[key] = self._pass(tols, worst)
        return self.found[key]

    def _pass(self, tols: Tolerances, worst: int) -> dict:
        runs = {n: {"sym_fd": Running(tols.fd, worst), "bprop_sym": Running(tols.exact, worst),
                    "bprop_fd": Running(tols.fd, worst)} for n in self.names}
        facts = {}
        n_rows, c = len(self.syms[0].cols), self.chunk()
        bufs = [np.empty((c, s.n_cols)) for s in self.syms]  # (c, P_k), reused
        for r0 in range(0, n_rows, c):
            r1 = min(n_rows, r0 + c)
            blocks = bprop_rows(self.module, self.x, r0, r1, bufs)
            for name, sym, fd, bp, shape in zip(self.names, self.syms, self.fds, blocks,
                                                self.shapes, strict=True):
                for fact, violation in self.folds.get(name, ()):
                    w, s = facts.get(fact, (0.0, 0.0))
                    with np.errstate(invalid="ignore"):
                        v = violation(bp, r0, shape, None)
                    top = max(float(bp.max(initial=0)), -float(bp.min(initial=0)))
                    facts[fact] = (max(w, v), max(s, top))
                _compare_chunk(runs[name], sym, fd, bp, r0, r1)
        self.facts = facts
        return runs


def _compare_chunk(runs: dict, sym: RowSparse, fd: RowSparse, bp: np.ndarray,
                   r0: int, r1: int) -> None:
    """Rows r0..r1-1: where sym or FD store a value, all three; elsewhere bprop against 0."""
    p = sym.n_cols
    local = stored([sym, fd], r0, r1)
    s_e, f_e = sym.at(local, r0, r1), fd.at(local, r0, r1)
    flat = bp.ravel()
    b_e = flat[local]
    idx = r0 * p + local
    rest = flat.size - len(local)
    runs["sym_fd"].add(s_e, f_e, idx)
    runs["sym_fd"].add_equal(rest)
    flat[local] = 0
    nz = np.flatnonzero(flat) if np.count_nonzero(flat) else np.zeros(0, np.int64)
    for pair, ref in (("bprop_sym", s_e), ("bprop_fd", f_e)):
        runs[pair].add(ref, b_e, idx)
        runs[pair].add(0.0, flat[nz], r0 * p + nz)
        runs[pair].add_equal(rest - len(nz))


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
    kinks: None = None

    def three_way(self, tols: Tolerances, worst: int = 5) -> ThreeWay:
        """As three.three_way: the three pairs, the triage and the worst entries."""
        runs = self.stream.run(tols, worst)[self.name]
        checks = {pair: run.result(self.name, self.shape, self.label, *PAIRS[pair])
                  for pair, run in runs.items()}
        key = triage(checks["sym_fd"].passed, checks["bprop_sym"].passed,
                     checks["bprop_fd"].passed)
        if key == "step" and self.refd is not None:
            again = self.refd()
            if not same(self.sym, again, tols.fd) and same(self.fd, again, tols.fd):
                key = "fprop-only"
        return ThreeWay(self.name, checks["sym_fd"], checks["bprop_sym"], checks["bprop_fd"],
                        key, self._worst(runs, key))

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
                self.stream.names.index(self.name)]
            found.append(Entry3(*self.label(int(flat)), float(self.sym.rows(r, r + 1)[0, c]),
                                float(bp[0, c]), float(self.fd.rows(r, r + 1)[0, c])))
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
