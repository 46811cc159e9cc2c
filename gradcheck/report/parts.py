"""Small rich pieces shared by the renderers: verdict marks, numbers, indices, tables."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

PASS, FAIL = "✓", "✗"


def mark(passed: bool) -> Text:
    return Text(PASS, style="bold green") if passed else Text(FAIL, style="bold red")


def verdict(passed: bool) -> Text:
    return (
        Text(f"{PASS} PASS", style="bold green")
        if passed
        else Text(f"{FAIL} FAIL", style="bold red")
    )


def num(v: float | None) -> str:
    return "—" if v is None else f"{v:.3g}" if v == 0 or 1e-3 <= abs(v) < 1e4 else f"{v:.2e}"


def err(v: float) -> str:
    return f"{v:.2e}"


def tol(atol: float, rtol: float) -> str:
    """atol, rtol: an entry passes when |cand - ref| <= atol + rtol |ref|."""
    return f"{atol:.0e}, {rtol:.0e}"


def index(name: str, idx: tuple[int, ...]) -> str:
    """y[0,2]; a bare name for a scalar."""
    return f"{name}[{','.join(map(str, idx))}]" if idx else name


def table(*columns: str, title: str | None = None) -> Table:
    """A borderless table with a rule under the header; fits 80 columns where it can."""
    return Table(
        *columns,
        title=title,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        title_style="bold",
        pad_edge=False,
        collapse_padding=True,
        show_edge=False,
    )
