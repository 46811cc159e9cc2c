"""Derivations as Markdown with MathJax ($...$, $$...$$): for notebooks and GitHub."""

from __future__ import annotations

from gradcheck.derivations.questions import parts, questions_for
from gradcheck.report.latex import INTRO, _equations
from gradcheck.report.pretty import distinct, latex


def document(derivations) -> str:
    """A title, then the questions of the given derivations, in the exercise's order."""
    return "\n".join(
        [
            "# Backpropagation by hand: the answers, derived and proved by SymPy",
            "",
            INTRO,
            "",
            sections(derivations),
        ]
    )


def sections(derivations, heading: str = "##") -> str:
    """The questions of the given derivations, one section each, in the exercise's order."""
    by_name = {d.name: d for d in derivations}
    out, seen = [], set()
    for q in questions_for(by_name):
        d = by_name[q.name]
        out.append(section(q, d, d.name not in seen, heading))
        seen.add(d.name)
    return "\n".join(out)


def section(q, d, first: bool, heading: str = "##") -> str:
    """One question: the module on first sight, steps, identities, the answers in words."""
    steps, identities, answers = parts(q, d)
    out = [f"{heading} {q.number}. {q.title}" if q.number else f"{heading} {q.title}"]
    if first:
        out.append(f"**{d.name}** ({d.kind}; explicit matrices at N = {d.size}): `{d.formula}`")
    for k, s in enumerate(steps, 1):
        out.append(f"**Step {k}.** {s.title}.")
        out += [display(latex(e)) for e in _equations(s.expr)]
        if s.note:
            out.append(s.note)
    if identities:
        out.append("**Identities** (proved by SymPy: lhs - rhs simplifies to 0)")
        out += [identity(i) for i in identities]
    out += [answer(a) for a in answers]
    if first and d.structure:
        out.append("**Structure.**\n\n" + "\n".join(f"- {f}" for f in d.structure))
    return "\n\n".join(out) + "\n"


def identity(ident) -> str:
    mark = "✓ proved" if ident.proved else "✗ NOT proved"
    note = f" *({ident.note})*" if ident.note else ""
    return f"{mark} **{ident.key}**: {ident.statement}{note}\n\n" + chain(ident.chain)


def answer(a) -> str:
    out = [f"**Answer {a.question}**"]
    out += [p if isinstance(p, str) else chain(p) for p in a.parts]
    if a.data:
        out.append(
            "Numbers (computed by numpy and SymPy):\n\n"
            + "\n".join(f"- {label}: {v:.6g}" for label, v in a.data)
        )
    out += [identity(i) for i in a.identities]
    return "\n\n".join(out)


def chain(exprs) -> str:
    return display(" = ".join(latex(e) for e in distinct(exprs)))


def display(tex: str) -> str:
    return f"$$\n{tex}\n$$"
