"""A Derivation rendered: its steps pretty-printed by SymPy, its identities with ✓ proved."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from gradcheck.report.parts import mark, table
from gradcheck.report.pretty import distinct, latex, pretty_text


def render_derivations(ds):
    """Every derivation of a DerivationSet, one after the other."""
    return Group(*(render_derivation(d) for d in ds.derivations))


def derivations_dict(ds) -> dict:
    """A DerivationSet as JSON data: the expressions as LaTeX, the identities and their proofs."""
    return {
        "proved": ds.proved,
        "derivations": [
            {
                "name": d.name,
                "kind": d.kind,
                "formula": d.formula,
                "size": d.size,
                "steps": [
                    {"title": s.title, "latex": latex(s.expr), "note": s.note} for s in d.steps
                ],
                "identities": [
                    {"key": i.key, "statement": i.statement, "note": i.note, "proved": i.proved}
                    for i in d.identities
                ],
                "structure": list(d.structure),
            }
            for d in ds.derivations
        ],
    }


def render_derivation(d):
    """Header, every step in a panel, the identities proved by SymPy, the structure."""
    head = Text.assemble(
        (d.name, "bold"), f"  ({d.kind}, explicit matrices at N = {d.size})\n", (d.formula, "bold")
    )
    steps = [
        Panel(
            pretty_text(s.expr),
            title=Text(f"{k}. {s.title}"),
            title_align="left",
            subtitle=Text(s.note) if s.note else None,
            subtitle_align="left",
            expand=False,
        )
        for k, s in enumerate(d.steps, 1)
    ]
    return Group(
        Panel(head, expand=False),
        *steps,
        identities(d),
        structure(d),
        *(answer(a) for a in d.answers),
    )


def identities(d):
    rows = table(
        "",
        "identity",
        "statement",
        "note",
        title="identities (✓ proved by SymPy: lhs - rhs simplifies to 0)",
    )
    for ident in d.identities:
        rows.add_row(mark(ident.proved), Text(ident.key), Text(ident.statement), Text(ident.note))
    return rows


def structure(d):
    return Group(Text("structure", style="bold"), *(Text(f"  • {fact}") for fact in d.structure))


def answer(a):
    """An answer in words: paragraphs, equation chains pretty-printed, the numbers, the proofs."""
    parts = [Text(p) if isinstance(p, str) else pretty_text(chain(p)) for p in a.parts]
    if a.data:
        parts.append(Text("\n".join(f"  {label}: {v:.6g}" for label, v in a.data)))
    parts += [
        Text.assemble(mark(i.proved), f" {i.key}: {i.statement} ({i.note})") for i in a.identities
    ]
    return Panel(
        Group(*parts), title=Text(f"answer {a.question}", style="bold"), title_align="left"
    )


def chain(exprs):
    """a = b = c, each pretty-printed and joined side by side by SymPy's own layout."""
    import sympy as sp

    exprs = distinct(exprs)
    if len(exprs) == 1:
        return exprs[0]
    return (
        sp.Eq(exprs[0], exprs[1])
        if len(exprs) == 2
        else sp.Tuple(sp.Eq(exprs[0], exprs[1]), sp.Eq(exprs[0], exprs[-1]))
    )
