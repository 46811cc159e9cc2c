"""Buggy students' classes FAIL, and the report names the mistake: a factor, a sign, a
transpose, the fused gradient, a known bug; bad returns and hangs are named calls."""

import json

import pytest

from gradcheck.checker import check_module
from gradcheck.cli import main
from gradcheck.threeway import load, verify
from tests.reading.conftest import CONVENTIONS, MISTAKES, spec

NAMED = [  # class, reference, args, a phrase of the named mistake (or error)
    ("SMNoVS", "SoftMax", (), "equals the known bug softmax-no-vs"),
    ("SMSign", "SoftMax", (), "the sign is flipped"),
    ("LinMeanTwice", "Linear", (3, 4), "exactly 1/3 of the true gradient"),
    ("LinTransposed", "Linear", (4, 4), "grad_W is the true gradient transposed"),
    ("CEFused", "CrossEntropy", (), "gradient of SoftMax+CrossEntropy with respect to the logits"),
    ("CEMeanTwice", "CrossEntropy", (), "grad_z is exactly 1/3"),
    ("TanhX", "Tanh", (), "equals the known bug tanh-x"),
    ("LSMBatchSum", "LogSoftMax", (), None),
    ("LinAccNoZero", "Linear", (3, 4), "no method to zero them"),
    ("NoneBack", "Tanh", (), "backward returned None, expected grad_x"),
    ("ListBack", "Tanh", (), "backward returned a list"),
    ("ScalarBack", "Tanh", (), "backward returned a float"),
    ("ShapeBack", "Tanh", (), "returned grad_x of shape (4, 3), expected (4, 4)"),
    ("WrongOrderGrads", "Linear", (3, 4), "not in the same order as the parameters?"),
]


@pytest.mark.parametrize(("cls", "ref", "args", "phrase"), NAMED, ids=[c[0] for c in NAMED])
def test_each_mistake_fails_and_is_named(cls, ref, args, phrase):
    mv = verify(spec(MISTAKES, cls), reference=ref, args=args).results[0]
    assert not mv.passed
    said = " ".join((*mv.mistakes, *mv.notes, mv.error or ""))
    assert phrase is None or phrase in said, said


def test_a_hang_is_stopped_by_the_time_limit():
    from gradcheck.reading import Hints

    mv = verify(spec(MISTAKES, "Hang"), reference="Tanh", hints=Hints(time_limit=0.3)).results[0]
    assert mv.triage == "crash" and "did not return within 0.3 s" in mv.error


def test_the_checker_api_turns_a_students_exception_into_a_failure_naming_the_call():
    import numpy as np

    obj = load.instantiate(load.load_class(spec(MISTAKES, "NoneBack")))
    r = check_module(obj, np.ones((2, 3)))
    assert not r.passed and r.error.startswith("NoneBack.backward returned None")


def test_prints_are_captured_and_never_corrupt_json(capsys, monkeypatch):
    monkeypatch.chdir(CONVENTIONS.parent / "proj")
    assert main(["verify", "mlp/layers.py:Tanh", "--as", "Tanh", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)["result"]["results"][0]
    assert out["passed"] and "hello from fprop" in out["output"]


def test_a_file_inside_a_package_with_relative_and_absolute_imports(monkeypatch):
    monkeypatch.chdir(CONVENTIONS.parent / "proj")
    mv = verify("mlp/layers.py:Affine", reference="Linear", args=(3, 4)).results[0]
    assert mv.passed and "W stored (in, out)" in mv.reading


def test_gradients_that_cannot_be_found_are_a_reading_error_naming_the_option(tmp_path, capsys):
    path = tmp_path / "hidden.py"
    path.write_text(
        "import numpy as np\nclass L:\n    def __init__(self):\n"
        "        self.W = np.ones((3, 2))\n"
        "    def forward(self, x):\n        self.x = x\n        return x @ self.W\n"
        "    def backward(self, g):\n        self.secret = self.x.T @ g\n"
        "        return g @ self.W.T\n"
    )
    assert main(["verify", f"{path}:L"]) == 2
    err = capsys.readouterr().err
    assert "no gradients for them were found" in err and "--grads W=ATTR" in err
    assert main(["verify", f"{path}:L", "--grads", "W=secret"]) == 0
