"""Derivations rendered: steps pretty-printed by SymPy, identities ✓, LaTeX for a write-up."""

import io

from rich.console import Console

from gradcheck.derivations import derive
from gradcheck.report.derivation import render_derivation
from gradcheck.report.pretty import latex


def render(renderable) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def test_steps_identities_and_structure():
    d = derive("SoftMax")
    text = render(render_derivation(d))
    assert "SoftMax" in text and d.formula in text
    for k, step in enumerate(d.steps, 1):
        assert f"{k}. {step.title}"[:40] in text
    proved = [i for i in d.identities if i.proved]
    assert proved and text.count("✓") >= len(proved)
    assert "symmetric" in text and "structure" in text


def test_latex_indices_are_clean_and_symbols_are_macros():
    text = latex(derive("CrossEntropy").jacobian_index)
    assert "\\frac" in text and "\\ell" in text and text.isascii()
    assert "\\mathrel{..}" not in text  # x_{i}, not x_{i_{0..N-1}}


def test_answers_are_rendered_in_words():
    text = render(render_derivation(derive("CrossEntropy")))
    assert "answer 1d: what could go wrong, and when?" in text
    assert "float32" in text and "batch size 1" in text and "1c-batch" in text


def test_linear_tuple_of_jacobians_prints_each():
    text = render(render_derivation(derive("Linear", 2)))
    assert "n_in = 2, n_out = 3" in text
