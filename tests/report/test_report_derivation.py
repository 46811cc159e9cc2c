"""Derivations rendered: steps pretty-printed by SymPy, identities ✓, LaTeX for a write-up."""

import io

from rich.console import Console

from gradcheck.derivations import derive
from gradcheck.report.derivation import derivation_latex, render_derivation


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


def test_latex_is_plain_and_indices_are_clean():
    text = derivation_latex(derive("Tanh"))
    assert text.startswith("% Tanh: ")
    assert "\\[" in text and "\\frac" in text and "\\delta" in text
    assert "\\mathrel{..}" not in text  # x_{i}, not x_{i_{0..N-1}}
    assert "\x1b[" not in text


def test_linear_tuple_of_jacobians_prints_each():
    text = render(render_derivation(derive("Linear", 2)))
    assert "n_in = 2, n_out = 3" in text
