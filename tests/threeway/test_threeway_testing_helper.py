"""assert_gradients, the helper students call in their own pytest tests."""

import numpy as np
import pytest

from gradcheck.modules.tanh import TanhOfX
from gradcheck.testing import assert_gradients
from tests.threeway import students


def test_a_correct_module_passes_and_returns_the_report():
    report = assert_gradients("LogSoftMax", seed=3)
    assert report.passed


def test_a_students_class_with_a_given_input(tmp_path):
    path = students.write(tmp_path, students.SOFTMAX)
    x = np.random.default_rng(1).standard_normal((4, 6))
    assert_gradients(f"{path}:MySoftMax", x, reference="SoftMax")


def test_failure_message_is_the_worst_entries_table():
    with pytest.raises(AssertionError) as e:
        assert_gradients(TanhOfX(), np.array([[0.5, -1.0, 2.0]]))
    text = str(e.value)
    assert text.startswith("TanhOfX: FAIL (bprop is wrong")
    assert "worst entries of x" in text
    header = next(line for line in text.splitlines() if line.split()[:1] == ["output"])
    assert header.split() == ["output", "input", "symbolic", "bprop", "FD"]
    row = next(line for line in text.splitlines() if line.strip().startswith("y[0,2]"))
    cells = row.split()
    assert cells[1] == "x[0,2]"
    y = np.tanh(2.0)
    assert float(cells[2]) == pytest.approx(1 - y * y, rel=1e-2)  # symbolic
    assert float(cells[3]) == pytest.approx(1 - 4.0, rel=1e-2)  # bprop: 1 - x²
    assert "\x1b[" not in text  # plain text, no colour codes
