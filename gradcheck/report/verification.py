"""A three-way VerifyReport as rich renderables: formula, symbolic Jacobian, comparisons, triage."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from gradcheck.report.check import tensor_row
from gradcheck.report.parts import index, mark, num, table, verdict

OUT = {"module": "y", "criterion": "ℓ"}


def render_report(report):
    return Group(*(render_module(r) for r in report.results))


def render_module(mv):
    """One module: header, the symbolic Jacobian, the comparisons, and on failure the evidence."""
    parts = [header(mv)]
    if mv.reading or mv.notes or mv.output:
        parts.append(reading(mv))
    if mv.reference is not None and mv.size is not None:
        parts.append(symbolic_panel(mv))
    if mv.error is not None:
        parts.append(Text(f"{mv.error}", style="red"))
    else:
        parts += [comparisons(mv), other_checks(mv)]
        parts += [worst_table(mv, c) for c in mv.checks if not c.passed and c.worst]
        parts += [Text(note, style="yellow") for note in mv.fd_notes]
    parts += [Text(f"mistake: {mistake}", style="bold red") for mistake in mv.mistakes]
    parts.append(Text.assemble(verdict(mv.passed), ": ", mv.sentence))
    return Group(*(p for part in parts for p in (part, Text(""))))


def reading(mv):
    """How a student's class was read, what that implied, and what their code printed."""
    lines = [Text(mv.reading, style="cyan")] if mv.reading else []
    lines += [Text(f"note: {n}", style="yellow") for n in mv.notes]
    if mv.output:
        shown = mv.output.splitlines()
        more = f" (first 5 of {len(shown)} lines)" if len(shown) > 5 else ""
        lines.append(Text(f"the module printed{more}:", style="dim"))
        lines += [Text(f"  {line}", style="dim") for line in shown[:5]]
    return Group(*lines)


def header(mv) -> Panel:
    n_in, n_out = mv.shape
    shape = f"N = {n_in}" if mv.kind == "criterion" else f"{n_in} → {n_out}"
    step = "" if mv.step is None else f", step {mv.step:g}"
    against = (
        f"against the symbolic {mv.reference}"
        if mv.reference
        else "against finite differences only (no symbolic reference: use --as NAME)"
    )
    body = Text.assemble(
        (mv.formula or "(no formula)", "bold"),
        "\n",
        f"{against}; {mv.dtype}, batch {mv.batch}, {shape}, seed {mv.seed}{step}",
    )
    return Panel(
        body,
        title=Text.assemble((title(mv.module), "bold"), " ", verdict(mv.passed)),
        title_align="left",
        expand=False,
    )


def title(module: str) -> str:
    """path/to/file.py:Class as file.py:Class; other names as they are."""
    path, sep, name = module.rpartition(":")
    return f"{Path(path).name}:{name}" if sep and path.endswith(".py") else module


def symbolic_panel(mv) -> Panel:
    from gradcheck.derivations.formula import derivation_of
    from gradcheck.report.pretty import pretty_text

    deriv = derivation_of(mv.reference, mv.size)
    return Panel(
        pretty_text(deriv.jacobian_index),
        title="symbolic Jacobian (SymPy)",
        title_align="left",
        expand=False,
    )


def comparisons(mv):
    """Every pair of every tensor: per entry for each sample, then the whole batch at once."""
    rows = table(
        "Jacobian",
        "comparison",
        "max abs",
        "max rel",
        "atol, rtol",
        "",
        title="three-way comparison (an entry passes when |a - b| <= atol + rtol |b|)",
    )
    for check in mv.checks:
        label = (
            f"{check.name} (batch)"
            if check.name.startswith("grad_")
            else f"∂{OUT[mv.kind]}/∂{check.name} per entry"
        )
        for k, pair in enumerate(check.pairs):
            rows.add_row(
                *tensor_row(pair, label if k == 0 else ""), end_section=k == len(check.pairs) - 1
            )
    return rows


def other_checks(mv):
    """Rows independent (or cost the mean), stability at large inputs, structural facts."""
    rows = table("check", "", "detail", title="batch, stability and structure")
    if mv.contract is not None:
        what = "cost is the batch mean" if mv.kind == "criterion" else "rows independent"
        rows.add_row(what, mark(mv.contract.passed), Text(mv.contract.detail))
    if mv.stability is not None:
        rows.add_row(
            f"inputs × {mv.stability.scale:g}", mark(mv.stability.passed), Text(mv.stability.detail)
        )
    for fact in mv.facts:
        rows.add_row(Text(fact.name), mark(fact.passed), Text(fact.detail))
    return rows


def worst_table(mv, check):
    """The worst entries of a failing tensor, the three values side by side, and the triage."""
    from gradcheck.threeway.triage import SENTENCES

    out = "⟨g, y⟩" if check.name.startswith("grad_") else OUT[mv.kind]
    wrt = check.name.removeprefix("grad_")
    rows = table(
        "output", "input", "symbolic", "bprop", "FD", "", title=f"worst entries of {check.name}"
    )
    for e in check.worst:
        rows.add_row(
            index(out, e.row),
            index(wrt, e.col),
            num(e.symbolic),
            num(e.bprop),
            num(e.fd),
            "kink" if e.kink else "",
        )
    return Group(rows, Text(f"{check.name}: {SENTENCES[check.triage]}", style="red"))


def short(mv) -> str:
    """One line: module, verdict, triage."""
    return f"{mv.module}: {'PASS' if mv.passed else 'FAIL'} ({mv.sentence})"
