"""Students' files: loaded by duck typing; every way they can fail is one clear GradcheckError."""

import sys

import pytest

from gradcheck.errors import GradcheckError
from gradcheck.threeway import load, verify
from tests.threeway import students


def test_loads_a_class_without_our_base_class(tmp_path):
    path = students.write(tmp_path, students.SOFTMAX)
    cls = load.load_class(f"{path}:MySoftMax")
    assert cls.__name__ == "MySoftMax" and cls.__module__.startswith("gradcheck_student_")
    assert cls.__module__ in sys.modules


def test_each_load_is_a_fresh_module(tmp_path):
    path = students.write(tmp_path, students.SOFTMAX)
    assert load.load_class(f"{path}:MySoftMax") is not load.load_class(f"{path}:MySoftMax")


def test_the_students_directory_is_importable_during_import(tmp_path):
    students.write(tmp_path, "K = 2\n", "helper.py")
    path = students.write(tmp_path, "from helper import K\nclass C:\n    k = K\n")
    assert load.load_class(f"{path}:C").k == 2
    assert str(tmp_path) not in sys.path


@pytest.mark.parametrize(
    ("source", "spec", "message"),
    [
        (students.SYNTAX_ERROR, "Broken", r"student\.py:3: syntax error"),
        (students.RAISES_AT_IMPORT, "Fine", r"student\.py:3 raised ZeroDivisionError at import"),
        (students.SOFTMAX, "Missing", r"has no class Missing: expected one of MySoftMax"),
        (students.SOFTMAX + "\nthing = 3\n", "thing", r"thing is a int, not a class"),
    ],
)
def test_broken_files_are_one_line_errors(tmp_path, source, spec, message):
    path = students.write(tmp_path, source)
    with pytest.raises(GradcheckError, match=message) as e:
        load.load_class(f"{path}:{spec}")
    assert "\n" not in str(e.value)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("nowhere.py:C", r"nowhere\.py: no such file"),
        ("file.txt:C", r"expected path/to/file\.py:ClassName"),
        ("file.py:", r"expected path/to/file\.py:ClassName"),
    ],
)
def test_bad_specs(spec, message):
    with pytest.raises(GradcheckError, match=message):
        load.load_class(spec)


def test_a_class_without_bprop_is_refused(tmp_path):
    path = students.write(tmp_path, students.NO_BPROP)
    with pytest.raises(GradcheckError, match="has no backward method: looked for bprop, backward"):
        verify(f"{path}:Half")


def test_constructor_arguments_and_their_errors(tmp_path):
    path = students.write(tmp_path, students.LINEAR)
    assert load.parse_args(["3", "4", "0.5", "xavier"]) == (3, 4, 0.5, "xavier")
    mv = verify(f"{path}:MyLinear", args=(3, 4), reference="Linear").results[0]
    assert mv.passed and mv.shape == (3, 4)
    with pytest.raises(GradcheckError, match=r"MyLinear\(\) raised TypeError"):
        verify(f"{path}:MyLinear")


def test_params_and_grads_must_pair_up(tmp_path):
    source = students.LINEAR.replace(
        "self.grads = [self.grad_W, self.grad_b]", "self.grads = [self.grad_W]"
    )
    path = students.write(tmp_path, source)
    with pytest.raises(GradcheckError, match=r"has 2 params \(W, b\) but 1 grads"):
        verify(f"{path}:MyLinear", args=(3, 4))
