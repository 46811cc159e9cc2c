"""The proving helper: an identity holds when SymPy simplifies lhs - rhs to zero."""

from __future__ import annotations

import sympy as sp
from sympy.concrete.delta import deltasummation
from sympy.functions.elementary.hyperbolic import HyperbolicFunction

from gradcheck.derivations.base import Identity


def collapse(expr):
    """Σ_k f(k) δ_jk → f(j): sums over a Kronecker delta, the index taken in range.

    >>> from sympy import Idx, IndexedBase, KroneckerDelta, Sum, Symbol
    >>> N = Symbol("N", integer=True, positive=True)
    >>> j, k, x = Idx("j", N), Idx("k", N), IndexedBase("x")
    >>> collapse(Sum(x[k] * KroneckerDelta(j, k), (k, 0, N - 1)))
    x[j]
    """

    def has_delta(e):
        return isinstance(e, sp.Sum) and e.function.has(sp.KroneckerDelta)

    def sum_out(e):
        f = sp.expand(e.function)
        for lim in e.limits[::-1]:
            f = deltasummation(f, lim, no_piecewise=True)
        return f

    return sp.sympify(expr).replace(has_delta, sum_out)


def pull(expr):
    """Σ_k c f(k) → c Σ_k f(k): factors free of the summation index moved out."""

    def split(e):
        dummies = [lim[0] for lim in e.limits]
        inner = sp.Mul.make_args(e.function)
        outer = [f for f in inner if not f.has(*dummies)]
        keep = [f for f in inner if f.has(*dummies)]
        return sp.Mul(*outer) * sp.Sum(sp.Mul(*keep), *e.limits)

    return expr.replace(lambda e: isinstance(e, sp.Sum), split)


def is_zero(expr) -> bool:
    """simplify(expr) == 0, trying the cheap rewrites (expand, δ-sums, cancel) first."""
    e = sp.sympify(expr).replace(lambda a: isinstance(a, sp.Limit), lambda a: a.doit())
    e = e.rewrite(sp.exp) if e.has(HyperbolicFunction) else e  # tanh(x) as exponentials
    e = sp.expand(pull(sp.expand(collapse(sp.expand(e)))))
    if e == 0:
        return True
    e = sp.cancel(e)
    return e == 0 or sp.simplify(e) == 0


def prove(lhs, rhs) -> bool:
    """lhs = rhs by SymPy: lhs - rhs simplifies to 0, entry-wise for matrices.

    >>> from sympy import symbols, sin, cos
    >>> a = symbols("a")
    >>> prove(sin(a)**2, 1 - cos(a)**2), prove(sin(a)**2, 1 + cos(a)**2)
    (True, False)
    """
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    if lhs.is_infinite or rhs.is_infinite:  # limits: oo - oo is nan, so compare the values
        return sp.Eq(lhs.doit(), rhs.doit()) is sp.true
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        if getattr(lhs, "shape", None) != getattr(rhs, "shape", None):
            return False
        return all(is_zero(e) for e in lhs - rhs)
    return is_zero(lhs - rhs)


def identity(key: str, statement: str, lhs, rhs, note: str = "", data=(), shown=()) -> Identity:
    """An Identity whose proved flag is prove(lhs, rhs), never typed in; shown: its display."""
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)  # matrices become immutable
    return Identity(key, statement, lhs, rhs, prove(lhs, rhs), note, tuple(data), tuple(shown))
