"""A failed verification as plain text: the message of assert_gradients' AssertionError."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from gradcheck.report.console import plain_text
from gradcheck.report.verification import other_checks, short, worst_table


def failure_text(report) -> str:
    """For each failing module: one line with the triage, then the worst entries, plainly."""
    parts = []
    for mv in report.results:
        if mv.passed:
            continue
        parts.append(Text(short(mv)))
        parts += [Text(f"mistake: {m}") for m in mv.mistakes]
        if mv.error is not None:
            parts.append(Text(mv.error))
            continue
        parts += [worst_table(mv, c) for c in mv.checks if not c.passed and c.worst]
        if mv.triage in ("rows", "unstable", "structure"):
            parts.append(other_checks(mv))
    return plain_text(Group(*parts)).rstrip() + "\n"
