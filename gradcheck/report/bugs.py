"""The planted-bugs demo as a table: each bug, the verdict, the triage found and expected."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from gradcheck.report.parts import mark, table, verdict


def render_bugs(demo):
    """A BugDemo: a heading row per module, then its bugs; fits 60 columns, nothing cropped.

    expected: ✓ when the triage found is the one expected, else ✗ and the expected one.
    """
    outcomes = demo.outcomes
    rows = table(
        "bug",
        "verdict",
        "triage",
        "expected",
        title="planted bugs: each must FAIL with the expected triage",
    )
    for column in rows.columns:
        column.min_width = len(str(column.header))
    for column in rows.columns[:3]:
        column.no_wrap = True
    for module in dict.fromkeys(o.module_name for o in outcomes):
        rows.add_row(Text(module, style="bold"))
        for o in (o for o in outcomes if o.module_name == module):
            rows.add_row(Text(f"  {o.key}"), verdict(o.found.passed), o.found.triage, expected(o))
    caught = sum(o.caught for o in outcomes)
    style = "bold green" if caught == len(outcomes) else "bold red"
    return Group(
        rows,
        Text(
            f"{caught} of {len(outcomes)} planted bugs caught with the expected triage", style=style
        ),
        legend(outcomes),
    )


def expected(o) -> Text:
    """✓ when the bug was caught as expected; else ✗ and the triage that was expected."""
    return mark(True) if o.caught else Text.assemble(mark(False), f" {o.expected}")


def legend(outcomes):
    """What each triage seen in the table means."""
    from gradcheck.threeway.triage import SENTENCES

    keys = dict.fromkeys(k for o in outcomes for k in (o.expected, o.found.triage))
    return Group(Text(""), *(Text(f"  {k}: {SENTENCES[k]}") for k in keys))
