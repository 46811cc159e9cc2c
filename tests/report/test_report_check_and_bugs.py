"""The checker's CheckResult, the planted-bugs table, JSON, HTML and the plain-text failure."""

import io
import json
import math

import numpy as np
from rich.console import Console

from gradcheck.checker import check_module
from gradcheck.modules.registry import bugs
from gradcheck.modules.softmax import SoftMaxNoDot
from gradcheck.report.bugs import render_bugs
from gradcheck.report.check import render_check
from gradcheck.report.console import html, plain_text, terminal
from gradcheck.serialize import to_json
from gradcheck.threeway.demo import BugDemo, run_bugs

ALL = bugs()


def render(renderable) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def test_check_result_table_and_worst_entries():
    x = np.random.default_rng(0).standard_normal((2, 3))
    text = render(render_check(check_module(SoftMaxNoDot(), x, rng=0)))
    assert "SoftMaxNoDot (float64, batch 2)" in text
    assert "bprop vs FD" in text and "✗ FAIL" in text
    assert "worst entries of x" in text and "rows independent" in text


def test_bugs_table_lists_every_bug_and_the_count():
    outcomes = run_bugs(ALL[:2] + tuple(b for b in ALL if b.triage in ("unstable", "all")))
    text = render(render_bugs(BugDemo(outcomes)))
    for o in outcomes:
        assert o.key in text
    assert "4 of 4 planted bugs caught with the expected triage" in text
    assert "unstable: not stable at large inputs" in text


def test_json_keeps_non_finite_numbers_as_strings():
    data = json.loads(to_json({"a": (1.5, math.inf, -math.inf, math.nan), "b": np.float64(2)}))
    assert data == {"a": [1.5, "inf", "-inf", "nan"], "b": 2.0}


def test_plain_text_and_html():
    assert plain_text("[bold]x[/bold]") == "x\n"
    page = html("hello")
    assert "<pre" in page and "hello" in page


def test_no_color_and_the_no_color_variable(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    out = io.StringIO()
    terminal(file=out).print("[red]x[/red]")
    assert "\x1b[" in out.getvalue()
    out = io.StringIO()
    terminal(no_color=True, file=out).print("[red]x[/red]")
    assert "\x1b[" not in out.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    out = io.StringIO()
    terminal(file=out).print("[red]x[/red]")
    assert "\x1b[" not in out.getvalue()
