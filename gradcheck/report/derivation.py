"""A Derivation rendered: its steps pretty-printed by SymPy, its identities with ✓ proved."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from gradcheck.report.parts import mark, table
from gradcheck.report.pretty import latex, pretty_text


def render_derivation(d):
    """Header, every step in a panel, the identities proved by SymPy, the structure."""
    head = Text.assemble((d.name, "bold"), f"  ({d.kind}, explicit matrices at N = {d.size})\n",
                         (d.formula, "bold"))
    steps = [Panel(pretty_text(s.expr), title=Text(f"{k}. {s.title}"), title_align="left",
                   subtitle=Text(s.note) if s.note else None, subtitle_align="left",
                   expand=False) for k, s in enumerate(d.steps, 1)]
    return Group(Panel(head, expand=False), *steps, identities(d), structure(d))


def identities(d):
    rows = table("", "identity", "statement", "note", title="identities (✓ proved by SymPy: "
                 "lhs - rhs simplifies to 0)")
    for ident in d.identities:
        rows.add_row(mark(ident.proved), Text(ident.key), Text(ident.statement), Text(ident.note))
    return rows


def structure(d):
    return Group(Text("structure", style="bold"),
                 *(Text(f"  • {fact}") for fact in d.structure))


def derivation_latex(d) -> str:
    """The steps and identities as LaTeX display math, with % comments, ready to paste."""
    lines = [f"% {d.name}: {d.formula} (explicit matrices at N = {d.size})"]
    for k, s in enumerate(d.steps, 1):
        lines += [f"% {k}. {s.title}", *(f"\\[ {e} \\]" for e in latex(s.expr).splitlines())]
    for ident in d.identities:
        status = "proved by SymPy" if ident.proved else "NOT proved"
        lines += [f"% {ident.key}: {ident.statement} ({status}; {ident.note})",
                  f"\\[ {latex(ident.lhs)} = {latex(ident.rhs)} \\]"]
    return "\n".join(lines) + "\n"
