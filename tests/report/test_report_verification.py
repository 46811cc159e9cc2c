"""The three-way report rendered as text, the way rich's own tests do it."""

import io

import numpy as np
from rich.console import Console

from gradcheck.modules.registry import bugs
from gradcheck.report.verification import render_report
from gradcheck.threeway import verify
from gradcheck.threeway.demo import run_bug


def render(renderable) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def test_a_pass_shows_formula_symbolic_jacobian_and_every_comparison():
    text = render(render_report(verify("SoftMax")))
    assert "SoftMax ✓ PASS" in text
    assert "s_i = exp(x_i) / Σ_j exp(x_j)" in text
    assert "symbolic Jacobian (SymPy)" in text and "δ" in text and "s[i]" in text
    for pair in ("FD vs symbolic", "bprop vs symbolic", "bprop vs FD"):
        assert text.count(pair) == 2  # per entry, and the batch gradient
    assert "1e-06, 1e-05" in text
    assert "rows independent" in text and "inputs × 1000" in text and "symmetric: J = Jᵀ" in text
    assert text.rstrip().endswith("✓ PASS: symbolic, bprop and finite differences agree")
    assert "worst entries" not in text


def test_a_failure_shows_the_worst_entries_three_ways_and_the_triage():
    bug = next(b for b in bugs() if b.key == "tanh-is-sigmoid")
    text = render(render_report(type("R", (), {"results": (run_bug(bug).found,)})))
    assert "TanhIsSigmoid ✗ FAIL" in text
    assert "worst entries of x" in text
    header = next(line for line in text.splitlines() if line.split()[:2] == ["output", "input"])
    assert header.split() == ["output", "input", "symbolic", "bprop", "FD"]
    assert "fprop does not compute the formula it claims" in text
    assert "✗" in text


def test_without_a_reference_the_report_says_how_to_get_one():
    from gradcheck.modules import Sequential, Tanh

    text = render(render_report(verify(Sequential(Tanh(), Tanh()))))
    assert "no symbolic reference: use --as NAME" in text
    assert "symbolic Jacobian (SymPy)" not in text


def test_a_criterion_and_a_linear():
    text = render(render_report(verify("CrossEntropyLog")))
    assert "∂ℓ/∂z per entry" in text and "cost is the batch mean" in text
    text = render(render_report(verify("Linear", size=2)))
    assert "∂y/∂W per entry" in text and "grad_b (batch)" in text and "2 → 3" in text


def test_a_crash_is_shown_as_one_line():
    from gradcheck.modules import Tanh

    class Crashes(Tanh):
        def bprop(self, grad_y):
            raise RuntimeError("not written yet")

    text = render(render_report(verify(Crashes(), x=np.ones((2, 3)))))
    assert "RuntimeError at test_report_verification.py" in text and "not written yet" in text
    assert "raised, hung or returned something unusable" in text
