"""Nothing is lost at 60 or 80 columns: derive's wide matrices (column blocks, each entry
whole) and the planted-bugs table (text columns wrap, keys and verdicts whole)."""

import re

import pytest
import sympy as sp
from rich.text import Text

from gradcheck.derivations import derive
from gradcheck.derivations.formula import from_formula
from gradcheck.derivations.sheet import DerivationSet
from gradcheck.report import pretty as pretty_module
from gradcheck.report.bugs import render_bugs
from gradcheck.report.console import plain_text
from gradcheck.report.derivation import render_derivations
from gradcheck.threeway.demo import BugDemo, run_bugs

ROW_WISE = "x[i]/sqrt(Sum(x[j]**2, (j, 0, N-1)))"


def widest_matrix(d):
    """The derivation's widest explicit matrix (the one a narrow terminal would crop)."""
    matrices = [s.expr for s in d.steps if isinstance(s.expr, sp.MatrixBase)]
    return max(matrices, key=lambda m: m.cols)


def missing_entries(m, text: str) -> list:
    """Entries of m not in text: a single-line entry as often as m holds it; a larger one as
    every line of its own picture (SymPy's pretty), or whole in one-line form (sympy.sstr)."""
    lines = text.splitlines()
    flat = re.sub(r"[\s│]", "", text)  # wrapped lines joined, panel borders dropped
    out = []
    for e in set(m):
        picture = [p.strip() for p in sp.pretty(e, use_unicode=True).splitlines() if p.strip()]
        if len(picture) == 1:
            found = sum(len(re_words(line, picture[0])) for line in lines)
            if found < list(m).count(e):
                out.append(e)
        elif not (
            all(any(p in line for line in lines) for p in picture)
            or re.sub(r"\s", "", sp.sstr(e)) in flat
        ):
            out.append(e)
    return out


def re_words(line: str, word: str) -> list:
    """Occurrences of word in line as a whole entry (not inside x[10] for x[1])."""
    return re.findall(rf"(?<![\w\[]){re.escape(word)}(?![\w\]\[])", line)


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize(
    "d", [derive("Linear", 6), from_formula(ROW_WISE, 6)], ids=["Linear-6", "row-wise-6"]
)
def test_derive_shows_every_entry_of_a_wide_matrix(d, width):
    m = widest_matrix(d)
    assert len(sp.pretty(m, use_unicode=True, wrap_line=False).splitlines()[0]) > width
    text = plain_text(render_derivations(DerivationSet((d,))), width=width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert missing_entries(m, text) == []
    assert f"of {m.cols}:" in text  # the blocks say which columns they hold


def test_the_entry_check_fails_on_the_old_cropping(monkeypatch):
    d = derive("Linear", 6)
    monkeypatch.setattr(
        pretty_module,
        "pretty_text",
        lambda e: Text(pretty_module.pretty(e), no_wrap=True, overflow="crop"),
    )
    from gradcheck.report import derivation

    monkeypatch.setattr(derivation, "pretty_text", pretty_module.pretty_text)
    text = plain_text(render_derivations(DerivationSet((d,))), width=60)
    assert missing_entries(widest_matrix(d), text) != []


@pytest.fixture(scope="module")
def demo():
    return BugDemo(run_bugs())  # every built-in's planted bugs


def lost(table_text: str, demo, headers=("bug", "verdict", "triage", "expected")) -> list[str]:
    """Headers, modules, bug keys and triages not in the text, whole."""
    head = next(line for line in table_text.splitlines() if line.lstrip().startswith("bug"))
    words = set(table_text.split())
    return [h for h in headers if h not in head.split()] + [
        w for o in demo.outcomes for w in (o.key, o.module_name, o.found.triage) if w not in words
    ]


@pytest.mark.parametrize("width", [60, 80])
def test_demo_bugs_keeps_every_column_and_key(demo, width):
    text = plain_text(render_bugs(demo), width=width)
    assert lost(text, demo) == []
    assert max(len(line) for line in text.splitlines()) <= width
    assert text.count("✗ FAIL") == len(demo.outcomes)  # every verdict whole


def test_the_column_check_fails_on_the_old_table(demo):
    """The table before: six columns, none of them wrapping; at 60 columns one is lost."""
    from gradcheck.report.parts import mark, table, verdict

    old = table("bug", "module", "verdict", "triage", "expected", "")
    for column in old.columns:
        column.no_wrap = True
    for o in demo.outcomes:
        old.add_row(
            o.key,
            o.module_name,
            verdict(o.found.passed),
            o.found.triage,
            o.expected,
            mark(o.caught),
        )
    headers = ("bug", "module", "verdict", "triage", "expected")
    assert lost(plain_text(old, width=100), demo, headers) == []
    assert lost(plain_text(old, width=60), demo, headers) != []
