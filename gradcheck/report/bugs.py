"""The planted-bugs demo as a table: each bug, the verdict, the triage found and expected."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from gradcheck.report.parts import mark, table, verdict


def render_bugs(demo):
    """A BugDemo: one row per bug; keys, verdicts and marks whole, the other columns wrap."""
    outcomes = demo.outcomes
    rows = table("bug", "module", "verdict", "triage", "expected", "",
                 title="planted bugs: each must FAIL with the expected triage")
    for k in (0, 2, 5):
        rows.columns[k].no_wrap = True
    for column in rows.columns[1:5]:
        column.overflow = "fold"
    for o in outcomes:
        rows.add_row(Text(o.key), o.module_name, verdict(o.found.passed), o.found.triage,
                     o.expected, mark(o.caught))
    caught = sum(o.caught for o in outcomes)
    style = "bold green" if caught == len(outcomes) else "bold red"
    return Group(rows, Text(f"{caught} of {len(outcomes)} planted bugs caught with the "
                            "expected triage", style=style), legend(outcomes))


def legend(outcomes):
    """What each triage seen in the table means."""
    from gradcheck.threeway.triage import SENTENCES

    keys = dict.fromkeys(k for o in outcomes for k in (o.expected, o.found.triage))
    return Group(Text(""), *(Text(f"  {k}: {SENTENCES[k]}") for k in keys))
