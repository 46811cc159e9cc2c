"""Linear's widths and a criterion's batch and labels: a GradcheckError naming the input."""

import numpy as np
import pytest

from gradcheck.checker import check_criterion
from gradcheck.errors import GradcheckError
from gradcheck.modules import CrossEntropy, CrossEntropyLog, Linear


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0, 3), "Linear n_in must be a positive integer, got 0"),
        ((-1, 3), "Linear n_in must be a positive integer, got -1"),
        ((3, 0), "Linear n_out must be a positive integer, got 0"),
        ((2.5, 3), "Linear n_in must be a positive integer, got 2.5"),
        ((True, 3), "Linear n_in must be a positive integer, got True"),
        (("3", 3), "Linear n_in must be a positive integer, got '3'"),
    ],
)
def test_linear_widths_must_be_positive_integers(args, message):
    with pytest.raises(GradcheckError) as e:
        Linear(*args)
    assert str(e.value) == message


def test_numpy_integer_widths_are_fine():
    lin = Linear(np.int64(3), np.int32(2))
    assert lin.W.shape == (3, 2) and type(lin.n_in) is int


@pytest.mark.parametrize("cls", [CrossEntropy, CrossEntropyLog])
def test_an_empty_batch_is_named_not_a_nan_cost(cls):
    c = cls()
    c.set_target(np.array([], dtype=int))
    with pytest.raises(GradcheckError, match=r"at least one sample .* got input of shape \(0, 3\)"):
        c.fprop(np.zeros((0, 3)))
    with pytest.raises(GradcheckError, match="at least one sample"):
        check_criterion(cls(), np.zeros((0, 3)), np.array([], dtype=int))


@pytest.mark.parametrize("cls", [CrossEntropy, CrossEntropyLog])
def test_an_out_of_range_label_is_named_with_its_sample(cls):
    z = np.full((3, 4), 0.25)  # (B, N)
    with pytest.raises(GradcheckError) as e:
        check_criterion(cls(), z, np.array([1, 7, 2]))
    assert str(e.value) == (
        f"{cls.__name__} target labels must be < 4 (the input's columns), got 7 for sample 1"
    )
    with pytest.raises(GradcheckError, match="must be >= 0, got -2 for sample 2"):
        cls().set_target(np.array([0, 1, -2]))
