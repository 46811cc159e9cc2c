"""Compare three Jacobians of one tensor pairwise (the checker's compare) and triage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gradcheck.checker.compare import Label, compare, judge
from gradcheck.checker.ladder import Ladder
from gradcheck.checker.stepsize import Tolerance
from gradcheck.threeway.result import Entry3, ThreeWay
from gradcheck.threeway.tolerances import Tolerances
from gradcheck.threeway.triage import triage

SYM, FD, BPROP = "symbolic", "finite differences", "bprop"


@dataclass(frozen=True)
class Triple:
    """One tensor's Jacobian three ways, as arrays of the same shape (sym None: no reference)."""

    name: str
    sym: np.ndarray | None
    bprop: np.ndarray
    fd: np.ndarray
    label: Label
    shape: tuple[int, ...]  # of the tensor differentiated
    kinks: np.ndarray | None = None
    refd: Callable[[], np.ndarray] | None = None  # finite differences again, at another step
    ladder: Ladder | None = None  # finite differences at smaller steps, before an entry fails
    scale: tuple[np.ndarray, np.ndarray] | None = None  # a contraction's (Σ|g|, Σ|g J|)


def three_way(tr: Triple, tols: Tolerances, worst: int = 5) -> ThreeWay:
    """The three pairwise comparisons, the triage, and the worst entries with all three values.

    Entries finite differences cannot decide at any step are not failures: with a symbolic
    Jacobian the verdict there rests on it (a note says so); without one they are counted as
    unchecked.
    """
    if not isinstance(tr, Triple):  # a SparseTriple (threeway/streamed.py) compares itself
        return tr.three_way(tols, worst)

    def pair(ref, cand, ref_name, cand_name, kinks, tol):
        ladder = tr.ladder if FD in (ref_name, cand_name) else None
        return compare(
            tr.name,
            ref,
            cand,
            tol,
            tr.label,
            shape=tr.shape,
            kinks=kinks,
            worst=worst,
            reference=ref_name,
            candidate=cand_name,
            ladder=ladder,
            scale=tr.scale,
        )

    bprop_fd = pair(tr.fd, tr.bprop, FD, BPROP, tr.kinks, tols.fd)
    sym_fd = bprop_sym = None
    if tr.sym is not None:
        sym_fd = pair(tr.sym, tr.fd, SYM, FD, tr.kinks, tols.fd)
        bprop_sym = pair(tr.sym, tr.bprop, SYM, BPROP, None, tols.exact)
    key = triage(sym_fd and sym_fd.passed, bprop_sym and bprop_sym.passed, bprop_fd.passed)
    if key == "step" and tr.refd is not None:
        key = step_or_fprop(tr, tols.fd)
    unchecked = max(p.n_unchecked for p in (bprop_fd, sym_fd) if p is not None)
    return ThreeWay(
        tr.name,
        sym_fd,
        bprop_sym,
        bprop_fd,
        key,
        worst_entries(tr, key, tols, worst),
        unchecked,
        unchecked_note(unchecked, tr.sym is not None) if key == "ok" else "",
    )


def unchecked_note(n: int, symbolic: bool) -> str:
    """What the entries finite differences could not decide mean for the verdict."""
    if not n:
        return ""
    what = (
        f"finite differences could not decide {n} entr{'y' if n == 1 else 'ies'} "
        "(step, precision or a kink)"
    )
    if symbolic:
        return f"{what}; there the verdict rests on the symbolic Jacobian, which bprop matches"
    return f"{what} and there is no symbolic reference: those entries are not checked"


def found_kinks(tr: Triple, tol: Tolerance) -> np.ndarray | None:
    """tr's kink entries, declared or found by its ladder between bprop and FD (no new fprop
    once three_way has judged tr)."""
    if tr.ladder is None:
        return tr.kinks
    kinks = judge(tr.fd, tr.bprop, tol, kinks=tr.kinks, ladder=tr.ladder, scale=tr.scale)[2]
    return kinks.reshape(tr.fd.shape)


def step_or_fprop(tr: Triple, tol: Tolerance) -> str:
    """FD disagrees with symbolic and bprop: at another step, does it recover, or stay put?

    A step, precision or kink problem moves with the step; a wrong fprop does not.
    """
    again = tr.refd()

    def same(ref, cand):
        return compare(tr.name, ref, cand, tol, tr.label, shape=tr.shape, kinks=tr.kinks).passed

    return "fprop-only" if not same(tr.sym, again) and same(tr.fd, again) else "step"


def worst_entries(tr: Triple, key: str, tols: Tolerances, worst: int) -> tuple[Entry3, ...]:
    """The entries where the disagreeing pair is furthest out of tolerance."""
    if key == "ok":
        return ()
    ref, cand, use_kinks = _ranking_pair(tr, key, tols)
    tol = tols.fd if use_kinks else tols.exact
    kinks = np.zeros(ref.size, bool) if tr.kinks is None else tr.kinks.ravel()
    with np.errstate(invalid="ignore"):
        err = np.abs(cand.ravel() - ref.ravel())
    excess = np.where(np.isnan(err), np.inf, err) / tol.bound(ref.ravel())
    bad = np.flatnonzero((excess > 1) & ~(kinks & use_kinks))
    order = bad[np.argsort(-excess[bad], kind="stable")][:worst]
    sym = None if tr.sym is None else tr.sym.ravel()
    return tuple(
        Entry3(
            *tr.label(int(k)),
            None if sym is None else float(sym[k]),
            float(tr.bprop.flat[k]),
            float(tr.fd.flat[k]),
            bool(kinks[k]),
        )
        for k in order
    )


def _ranking_pair(tr: Triple, key: str, tols: Tolerances):
    """(reference, candidate, with-FD) of the pair that shows the finding best; pairs with FD
    use the FD tolerance and do not judge kinks."""
    if tr.sym is None:
        return tr.fd, tr.bprop, True
    if key in ("step", "fprop-only"):
        return tr.sym, tr.fd, True
    if key == "borderline":
        pairs = [(tr.sym, tr.bprop, False), (tr.sym, tr.fd, True), (tr.fd, tr.bprop, True)]
        return max(pairs, key=lambda p: _max_excess(p[0], p[1], tols.fd if p[2] else tols.exact))
    return tr.sym, tr.bprop, False


def _max_excess(ref: np.ndarray, cand: np.ndarray, tol: Tolerance) -> float:
    with np.errstate(invalid="ignore"):
        err = np.abs(cand - ref)
    return float(np.nanmax(np.where(np.isnan(err), np.inf, err) / tol.bound(ref), initial=0))
