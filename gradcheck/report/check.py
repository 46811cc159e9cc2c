"""The checker's CheckResult as a rich table: one row per tensor, then the worst entries."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from gradcheck.report.parts import err, index, mark, num, table, tol, verdict

SHORT = {"finite differences": "FD"}


def tensor_row(check, label: str | None = None) -> list:
    """A TensorCheck as a table row: what against what, errors, tolerance, ✓/✗."""
    cand, ref = (SHORT.get(w, w) for w in (check.candidate, check.reference))
    return [
        Text(check.name if label is None else label),
        Text(f"{cand} vs {ref}"),
        err(check.max_abs_err),
        err(check.max_rel_err),
        tol(check.atol, check.rtol),
        mark(check.passed),
    ]


def render_check(result):
    """A CheckResult: a row per tensor, the contract, and the worst entries of failures."""
    rows = table(
        "tensor",
        "comparison",
        "max abs",
        "max rel",
        "atol, rtol",
        "",
        title=f"{result.module} ({result.dtype}, batch {result.batch})",
    )
    checks = result.tensors + getattr(result, "gradients", ())
    for check in checks:
        rows.add_row(*tensor_row(check))
    parts = [rows]
    if result.contract is not None:
        parts.append(Text.assemble(mark(result.contract.passed), " ", result.contract.detail))
    n = getattr(result, "n_unchecked", 0)
    if n:
        parts.append(
            Text(
                f"? {n} entr{'y' if n == 1 else 'ies'} not checked: finite "
                "differences do not settle at any step (precision, step or kink); "
                "not failures",
                style="yellow",
            )
        )
    parts += [worst_pairs(c) for c in checks if not c.passed]
    parts.append(verdict(result.passed))
    return Group(*parts)


def worst_pairs(check):
    """The worst entries of one TensorCheck: output, input, reference, candidate, error."""
    rows = table(
        "output",
        "input",
        check.reference,
        check.candidate,
        "abs err",
        title=f"worst entries of {check.name} ({check.n_failed} of {check.n_entries} "
        "out of tolerance)",
    )
    for e in check.worst:
        rows.add_row(
            index("y", e.row),
            index(check.name, e.col),
            num(e.reference),
            num(e.candidate),
            err(e.abs_err),
        )
    return rows
