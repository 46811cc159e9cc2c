"""verify(): built-in names, instances, classes and files; the report object it returns."""

import io
import json

import numpy as np
import pytest
from rich.console import Console

from gradcheck.errors import GradcheckError
from gradcheck.modules import Linear, SoftMax, Tanh
from gradcheck.modules.tanh import TanhIsSigmoid
from gradcheck.serialize import to_json
from gradcheck.threeway import VerifyReport, verify, verify_many
from tests.threeway import students


def test_a_student_file_against_a_builtin(tmp_path):
    path = students.write(tmp_path, students.SOFTMAX)
    mv = verify(f"{path}:MySoftMax", reference="SoftMax").results[0]
    assert mv.passed and mv.module.endswith("student.py:MySoftMax") and mv.reference == "SoftMax"


def test_a_broken_student_file_is_blamed_on_bprop(tmp_path):
    path = students.write(tmp_path, students.SOFTMAX_NO_VS)
    mv = verify(f"{path}:MySoftMax", reference="SoftMax").results[0]
    assert not mv.passed and mv.triage == "bprop"


def test_without_a_reference_only_finite_differences(tmp_path):
    path = students.write(tmp_path, students.SOFTMAX_NO_VS)
    mv = verify(f"{path}:MySoftMax").results[0]
    assert mv.reference is None and mv.triage == "mismatch" and mv.facts == ()
    assert all(c.sym_fd is None for c in mv.checks)


def test_a_students_criterion_with_labels(tmp_path):
    path = students.write(tmp_path, students.CROSS_ENTROPY)
    mv = verify(f"{path}:MyCrossEntropy", reference="CrossEntropy").results[0]
    assert mv.passed and mv.kind == "criterion"


def test_a_crash_in_bprop_is_a_finding_not_an_error(tmp_path):
    path = students.write(tmp_path, students.CRASHES_IN_BPROP)
    mv = verify(f"{path}:Crashes").results[0]
    assert not mv.passed and mv.triage == "crash"
    assert mv.error.startswith("Crashes.bprop raised ValueError at student.py:8 in bprop:")


def test_instances_and_classes():
    assert verify(SoftMax()).results[0].reference == "SoftMax"
    assert verify(Tanh).passed
    mv = verify(TanhIsSigmoid()).results[0]  # a subclass is checked against its built-in
    assert mv.reference == "Tanh" and mv.triage == "fprop"
    lin = Linear(3, 2, rng=0)
    assert verify(lin).results[0].shape == (3, 2)


def test_given_input_and_float32():
    x = np.random.default_rng(0).standard_normal((2, 5))
    mv = verify("SoftMax", x=x, dtype="float32").results[0]
    assert mv.passed and mv.batch == 2 and mv.shape == (5, 5) and mv.dtype == "float32"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"module_or_name": "Softmax"}, r"expected a built-in \(Linear, .*got 'Softmax'"),
        (
            {"module_or_name": "SoftMax", "dtype": "float16"},
            "dtype must be one of float64, float32",
        ),
        ({"module_or_name": "SoftMax", "size": 0}, "size must be a positive integer, got 0"),
        ({"module_or_name": "SoftMax", "batch": 0}, "batch must be a positive integer, got 0"),
        ({"module_or_name": SoftMax(), "reference": "Softmax"}, r"--as expects a built-in"),
        (
            {"module_or_name": "SoftMax", "x": np.zeros(3)},
            r"x must be a float batch of shape \(B, N\)",
        ),
        (
            {"module_or_name": Tanh(), "reference": "Linear"},
            r"does not fit the symbolic Linear: .*expects params \[W, b\], got 0",
        ),
    ],
)
def test_usage_errors(kwargs, message):
    with pytest.raises(GradcheckError, match=message):
        verify(**kwargs)


def test_the_report_is_plain_data_that_serialises():
    report = verify_many(["Tanh", "CrossEntropy"])
    assert isinstance(report, VerifyReport) and report.passed
    data = json.loads(to_json(report))
    assert data["passed"] is True
    assert [r["module"] for r in data["results"]] == ["Tanh", "CrossEntropy"]
    pair = data["results"][0]["jacobians"][0]["bprop_sym"]
    assert pair["reference"] == "symbolic" and pair["passed"] is True
    assert data["results"][0]["triage"] == "ok"


def test_the_report_renders_itself_with_rich_and_in_jupyter():
    import gradcheck

    report = gradcheck.verify("Tanh")  # the public entry point teaches reports to display
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(report)
    text = console.file.getvalue()
    assert "Tanh ✓ PASS" in text and "three-way comparison" in text
    html = report._repr_mimebundle_()["text/html"]
    assert html.lstrip().startswith("<") and "Tanh" in html and "PASS" in html
