"""The one failure renderer in plain text: assert_gradients' AssertionError and train's
precheck report. Three-way results (VerifyReport) and the checker's (CheckResult) alike."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from gradcheck.report.check import worst_pairs
from gradcheck.report.console import plain_text
from gradcheck.report.verification import other_checks, short, worst_table


def failure_text(results) -> str:
    """For each failing module: one line with the triage, then the worst entries, plainly.

    results: a VerifyReport, or CheckResults (the numerical precheck before training).
    """
    results = getattr(results, "results", results)
    parts = [
        p
        for r in results
        if not r.passed
        for p in (three_way_failure(r) if hasattr(r, "triage") else check_failure(r))
    ]
    return plain_text(Group(*parts)).rstrip() + "\n"


def three_way_failure(mv) -> list:
    parts = [Text(short(mv))] + [Text(f"mistake: {m}") for m in mv.mistakes]
    if mv.error is not None:
        return [*parts, Text(mv.error)]
    parts += [worst_table(mv, c) for c in mv.checks if not c.passed and c.worst]
    if mv.triage in ("rows", "unstable", "structure"):
        parts.append(other_checks(mv))
    return parts


def check_failure(r) -> list:
    """A CheckResult: its line, the broken contract, each failing tensor's worst entries."""
    parts = [Text(f"{r.module}: FAIL")]
    if r.error is not None:
        return [*parts, Text(r.error)]
    if r.contract is not None and not r.contract.passed:
        parts.append(Text(r.contract.detail))
    return parts + [worst_pairs(t) for t in r.tensors + r.gradients if not t.passed]
