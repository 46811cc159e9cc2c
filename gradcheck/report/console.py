"""Consoles: the terminal's (honouring --no-color and NO_COLOR), plain text, and HTML."""

from __future__ import annotations

import io
import os
import sys

from rich.console import Console

WIDTH = 100


def terminal(no_color: bool = False, file=None) -> Console:
    """A console on stdout; no ANSI colours with --no-color or the NO_COLOR variable set."""
    plain = no_color or bool(os.environ.get("NO_COLOR"))
    return Console(
        file=file or sys.stdout,
        color_system=None if plain else "auto",
        no_color=plain,
        highlight=False,
    )


def plain_text(renderable, width: int = WIDTH) -> str:
    """renderable as plain text, as rich's own tests render it."""
    console = Console(
        file=io.StringIO(), width=width, color_system=None, highlight=False, force_jupyter=False
    )  # in Jupyter, rich would display it, not write it
    console.print(renderable)
    return console.file.getvalue()


def html(renderable, width: int = WIDTH) -> str:
    """renderable as a self-contained HTML fragment (Jupyter's _repr_html_)."""
    console = Console(
        file=io.StringIO(), width=width, record=True, highlight=False, force_jupyter=False
    )  # else rich displays it too: the report twice
    console.print(renderable)
    return console.export_html(
        inline_styles=True,
        code_format='<pre style="font-family:'
        "Menlo,'DejaVu Sans Mono',consolas,monospace\">{code}</pre>",
    )
