"""`gradcheck verify FILE:Class --formula EXPR` and `gradcheck derive --formula EXPR`."""

import json
from pathlib import Path

import pytest
import sympy as sp

from gradcheck.cli import main

STUDENTS = Path(__file__).parent / "students"
SIGMOID = "1/(1+exp(-x))"
L2 = "x[i]/sqrt(Sum(x[j]**2, (j, 0, N-1)))"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_verify_a_correct_module_by_formula(capsys):
    code, out, err = run(
        capsys, "verify", f"{STUDENTS}/elementwise.py:Sigmoid", "--formula", SIGMOID, "--no-color"
    )
    assert code == 0 and err == ""
    assert "elementwise.py:Sigmoid ✓ PASS" in out
    assert f"against the symbolic formula: {SIGMOID}" in out
    assert "diagonal: y_i depends on x_i only" in out


def test_verify_a_wrong_bprop_exits_1_with_its_triage(capsys):
    code, out, _ = run(
        capsys,
        "verify",
        f"{STUDENTS}/elementwise.py:SigmoidPlusSign",
        "--formula",
        SIGMOID,
        "--no-color",
    )
    assert code == 1 and "✗ FAIL: bprop is wrong" in out


def test_verify_row_wise_as_json(capsys):
    good, bad = (f"{STUDENTS}/rowwise.py:{c}" for c in ("L2Normalize", "L2NormalizeNoProjection"))
    code, out, _ = run(capsys, "verify", good, bad, "--formula", L2, "--json", "--size", "6")
    data = json.loads(out)["result"]
    assert code == 1 and [r["reference"] for r in data["results"]] == [f"formula: {L2}"] * 2
    assert [r["passed"] for r in data["results"]] == [True, False]


@pytest.mark.parametrize(
    "argv",
    [
        ["verify", "Tanh", "--formula", "x*y"],
        ["verify", "Tanh", "--formula", "exp(x[k])"],
        ["verify", "Tanh", "--formula", "1/(1+exp(-x)"],
        ["verify", "Tanh", "--formula", "log(x)"],  # not finite at the drawn input
        ["verify", "Tanh", "--formula", "tanh(x)", "--as", "Tanh"],
        ["verify", "--all", "--formula", "tanh(x)"],
        ["verify", "--demo-bugs", "--formula", "tanh(x)"],
        ["derive", "--formula", "x[j]"],
        ["derive", "Tanh", "--formula", "tanh(x)"],
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err


def test_derive_shows_the_derivative_sympy_gives(capsys):
    a = sp.Symbol("x", real=True)
    d = sp.diff(1 / (1 + sp.exp(-a)), a)  # exp(-x)/(1 + exp(-x))**2
    code, out, _ = run(capsys, "derive", "--formula", SIGMOID, "--no-color")
    assert code == 0
    assert all(line.rstrip() in out for line in sp.pretty(d, use_unicode=True).splitlines())
    assert "✓  formula-matrix" in out
    code, out, _ = run(capsys, "derive", "--formula", SIGMOID, "--markdown")
    assert code == 0 and sp.latex(d) in out


def test_derive_a_row_wise_formula_as_latex(capsys):
    code, out, _ = run(capsys, "derive", "--formula", L2, "--latex", "--size", "2")
    assert (
        code == 0 and out.startswith("\\documentclass") and out.rstrip().endswith("\\end{document}")
    )
    assert "formula-matrix" in out and "formula-symmetric" in out
