"""The exercise's targets on the real MNIST with a student's own modules, in two conventions
(slow: minutes; run after the fast tests)."""

import json
import math
from pathlib import Path

import pytest

from gradcheck.cli import main

pytestmark = pytest.mark.slow

MNIST = Path(__file__).resolve().parents[3] / "shared" / "data" / "mnist"  # <repo>/../shared
FILES = Path(__file__).parent / "students"


@pytest.fixture(autouse=True)
def real_mnist():
    if not (MNIST / "train-images-idx3-ubyte.gz").exists():
        pytest.fail(f"the real MNIST is expected at {MNIST} (see shared/data/README.md)")


def final(tmp_path, preset: str, students: str) -> dict:
    path = tmp_path / "metrics.json"
    assert (
        main(
            [
                "train",
                preset,
                "--modules",
                str(FILES / students),
                "--data-dir",
                str(MNIST),
                "--metrics",
                str(path),
            ]
        )
        == 0
    )
    return json.loads(path.read_text())


def test_softmax_regression_of_the_course_skeletons_modules(tmp_path):
    assert final(tmp_path, "softmax-regression", "skeleton.py")["final"]["val_errors"] <= 750


def test_tanh_mlp_of_torch_like_modules(tmp_path):
    assert final(tmp_path, "tanh-mlp", "torchlike.py")["final"]["val_errors"] <= 290


def test_log_softmax_sgd_of_the_course_skeletons_modules_stays_finite(tmp_path):
    d = final(tmp_path, "log-softmax-sgd", "skeleton.py")
    assert all(math.isfinite(e["cost"]) for e in d["epochs"])


def test_a_wrong_softmax_is_refused_before_training(tmp_path, capsys):
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        (FILES / "skeleton.py")
        .read_text()
        .replace(
            "return self.s * (grad_out - (grad_out * self.s).sum(axis=1, keepdims=True))",
            "return self.s * grad_out",
        )
    )
    metrics = tmp_path / "metrics.json"
    code = main(
        ["train", "--modules", str(wrong), "--data-dir", str(MNIST), "--metrics", str(metrics)]
    )
    err = capsys.readouterr().err
    assert code == 1 and "SoftMax" in err and "bprop is wrong" in err
    assert not metrics.exists()
