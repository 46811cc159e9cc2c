"""Sigmoid, the built-in added as one file: against SymPy and finite differences computed here,
its planted bugs FAIL, and every command knows it without another file edited."""

import math

import numpy as np
import pytest
import sympy as sp

import gradcheck.modules
from gradcheck.cli import main
from gradcheck.modules.registry import spec
from gradcheck.modules.sigmoid import Sigmoid, SigmoidForgetsOneMinusY, SigmoidOfX
from gradcheck.threeway import verify
from gradcheck.threeway.demo import run_bugs
from gradcheck.train.students import reference_of
from tests.data.data_writers import idx_bytes, write

X = sp.Symbol("x", real=True)
F = 1 / (1 + sp.exp(-X))
f = sp.lambdify(X, F, "numpy")
df = sp.lambdify(X, sp.diff(F, X), "numpy")  # SymPy's derivative, not y (1 - y)


def test_fprop_equals_sympys_formula_and_is_stable_far_out(rng):
    x = rng.standard_normal((3, 5)) * 3  # (B, N)
    np.testing.assert_allclose(Sigmoid().fprop(x), f(x), rtol=1e-14, atol=0)
    y = Sigmoid().fprop(np.array([[-700.0, -40.0, 0.0, 40.0, 700.0]]))  # no overflow warning
    want = [math.exp(-700), math.exp(-40) / (1 + math.exp(-40)), 0.5, 1 / (1 + math.exp(-40)), 1.0]
    np.testing.assert_allclose(y[0], want, rtol=1e-14, atol=0)


def test_bprop_equals_sympys_derivative_and_finite_differences(rng):
    x, v = rng.standard_normal((4, 3)) * 2, rng.standard_normal((4, 3))  # (B, N), (B, N)
    m = Sigmoid()
    m.fprop(x)
    got = m.bprop(v)
    np.testing.assert_allclose(got, v * df(x), rtol=1e-13, atol=1e-15)
    h = 1e-6
    fd = (Sigmoid().fprop(x + h) - Sigmoid().fprop(x - h)) / (2 * h)  # elementwise: diagonal
    np.testing.assert_allclose(got, v * fd, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("cls", [SigmoidForgetsOneMinusY, SigmoidOfX])
def test_the_planted_bugs_differ_from_sympys_derivative(cls, rng):
    x, v = rng.standard_normal((4, 3)) * 2, rng.standard_normal((4, 3))
    m = cls()
    m.fprop(x)
    assert np.abs(m.bprop(v) - v * df(x)).max() > 1e-2


def test_verify_passes_the_module_and_fails_each_planted_bug(capsys, tmp_path):
    assert main(["verify", "Sigmoid", "--no-color"]) == 0
    assert "Sigmoid ✓ PASS" in capsys.readouterr().out
    path = tmp_path / "mine.py"  # the planted bug, as a file a student hands in
    path.write_text(
        "from gradcheck.modules.sigmoid import SigmoidForgetsOneMinusY\n\n\n"
        "class Mine(SigmoidForgetsOneMinusY):\n    pass\n"
    )
    assert main(["verify", f"{path}:Mine", "--as", "Sigmoid", "--no-color"]) == 1
    assert "✗ FAIL" in capsys.readouterr().out
    report = verify(SigmoidOfX(), reference="Sigmoid")
    assert not report.passed and report.results[0].triage == "bprop"


def test_the_demo_catches_its_bugs_with_their_triage():
    outcomes = run_bugs(spec("Sigmoid").bugs, batch=3)
    assert [o.key for o in outcomes] == ["sigmoid-no-one-minus-y", "sigmoid-of-x"]
    assert all(o.caught for o in outcomes)


def test_derive_and_list_know_it(capsys):
    from gradcheck.derivations import derive

    x = np.array([-2.0, 0.3, 1.7])
    np.testing.assert_allclose(derive("Sigmoid").jacobians(x)["x"], np.diag(df(x)), rtol=1e-12)
    assert main(["derive", "Sigmoid", "--no-color"]) == 0
    assert "Sigmoid" in capsys.readouterr().out
    assert main(["list"]) == 0
    assert "Sigmoid          y_i = 1 / (1 + exp(-x_i))" in capsys.readouterr().out


def test_registered_for_training_and_for_students_class_names():
    assert gradcheck.modules.Sigmoid is Sigmoid
    assert reference_of(type("Logistic", (), {})) == "Sigmoid"
    assert spec("Sigmoid").activation == "sigmoid"


def test_train_builds_and_trains_a_sigmoid_network(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    rng = np.random.default_rng(1)
    for split, n in (("train", 40), ("t10k", 20)):  # tiny MNIST-format files
        labels = rng.integers(0, 10, n)  # (N,)
        images = rng.integers(0, 40, (n, 28, 28)) + 20 * labels[:, None, None]  # (N, 28, 28)
        write(tmp_path / f"{split}-images-idx3-ubyte.gz", idx_bytes(images), gz=True)
        write(tmp_path / f"{split}-labels-idx1-ubyte.gz", idx_bytes(labels), gz=True)
    code = main(
        [
            "train",
            "tanh-mlp",
            "--activation",
            "sigmoid",
            "--hidden",
            "8",
            "--epochs",
            "1",
            "--batch-size",
            "20",
            "--data-dir",
            str(tmp_path),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "Linear(784, 8) → Sigmoid → Linear(8, 10) → SoftMax → CrossEntropy" in out
    assert "Sigmoid ok" in out
