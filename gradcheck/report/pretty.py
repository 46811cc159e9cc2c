"""SymPy expressions as text for the terminal (pretty, unicode) and for write-ups (LaTeX).

In the terminal nothing is cropped: a matrix wider than the width it is given is shown in
column blocks (each entry whole; a column too wide even alone in one-line form, wrapped), any
other wide expression wrapped by SymPy (↪ marks a break).
"""

from __future__ import annotations

import re

import sympy as sp
from rich.measure import Measurement
from rich.text import Text

TEX_NAMES = {"ℓ": r"\ell"}  # symbol names that are not ASCII, as pdflatex can set them
# an Idx printed with its range, {i}_{0\mathrel{..}\nobreak N - 1}: the range is dropped
RANGED = re.compile(r"\{(\w+)\}_\{0\\mathrel\{\.\.\}\\nobreak (?:[^{}]|\{[^{}]*\})*\}")


def pretty(expr) -> str:
    """sympy.pretty, one block per equation when expr is a tuple of them (Linear: x, W, b)."""
    if isinstance(expr, (tuple, sp.Tuple)):
        return "\n\n".join(pretty(e) for e in expr)
    return sp.pretty(expr, use_unicode=True, wrap_line=False)


def pretty_text(expr) -> Pretty:
    return Pretty(expr)


class Pretty:
    """A rich renderable: expr pretty-printed to fit the width rich gives it."""

    def __init__(self, expr) -> None:
        self.expr = expr

    def __rich_console__(self, console, options):
        yield Text(fit(self.expr, options.max_width), no_wrap=True, overflow="ignore")

    def __rich_measure__(self, console, options) -> Measurement:
        w = widest(fit(self.expr, options.max_width))
        return Measurement(w, w)


def fit(expr, width: int) -> str:
    """pretty(expr) in at most width columns: column blocks of a matrix, else SymPy's wrap."""
    if isinstance(expr, (tuple, sp.Tuple)):
        return "\n\n".join(fit(e, width) for e in expr)
    text = pretty(expr)
    if widest(text) <= width:
        return text
    if isinstance(expr, sp.MatrixBase) and expr.cols > 1:
        return column_blocks(expr, width)
    return sp.pretty(expr, use_unicode=True, wrap_line=True, num_columns=max(width, 8))


def column_blocks(m, width: int) -> str:
    """A wide matrix as consecutive blocks of whole columns, each headed by its columns."""
    blocks, start = [], 0
    while start < m.cols:
        end = start + 1
        while end < m.cols and widest(pretty(m[:, start : end + 1])) <= width:
            end += 1
        block = m[:, start:end]
        head = (
            f"columns {start + 1}–{end} of {m.cols}"
            if end - start > 1
            else f"column {end} of {m.cols}"
        )
        body = pretty(block) if widest(pretty(block)) <= width else one_line(block, width)
        blocks.append(f"{head}:\n{body}")
        start = end
    return "\n\n".join(blocks)


def one_line(column, width: int) -> str:
    """A column too wide even alone: each entry in one-line form, wrapped at spaces."""
    import textwrap

    return "\n".join(
        textwrap.fill(
            f"row {r + 1}: {sp.sstr(e)}", width, subsequent_indent="  ", break_on_hyphens=False
        )
        for r, e in enumerate(column)
    )


def widest(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.splitlines()), default=0)


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
