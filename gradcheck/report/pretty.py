"""SymPy expressions as text for the terminal (pretty, unicode) and for write-ups (LaTeX)."""

from __future__ import annotations

import re

import sympy as sp
from rich.text import Text

TEX_NAMES = {"ℓ": r"\ell"}  # symbol names that are not ASCII, as pdflatex can set them
# an Idx printed with its range, {i}_{0\mathrel{..}\nobreak N - 1}: the range is dropped
RANGED = re.compile(r"\{(\w+)\}_\{0\\mathrel\{\.\.\}\\nobreak (?:[^{}]|\{[^{}]*\})*\}")


def pretty(expr) -> str:
    """sympy.pretty, one block per equation when expr is a tuple of them (Linear: x, W, b)."""
    if isinstance(expr, (tuple, sp.Tuple)):
        return "\n\n".join(pretty(e) for e in expr)
    return sp.pretty(expr, use_unicode=True, wrap_line=False)


def pretty_text(expr) -> Text:
    return Text(pretty(expr), no_wrap=True, overflow="crop")


def latex(expr) -> str:
    """sympy.latex, one line per equation when expr is a tuple of them; x_{i}, not x_{i_{0..N-1}}."""
    if isinstance(expr, (tuple, sp.Tuple)):
        return "\n".join(latex(e) for e in expr)
    expr = sp.sympify(expr)
    names = {a: TEX_NAMES[a.name] for a in expr.atoms(sp.Symbol) if a.name in TEX_NAMES}
    return RANGED.sub(r"\1", sp.latex(expr, symbol_names=names, ln_notation=True))


def distinct(exprs) -> tuple:
    """exprs without an element that prints like the one before it (a = a shows as a)."""
    out, last = [], None
    for e in exprs:
        if latex(e) != last:
            out.append(e)
        last = latex(e)
    return tuple(out)
