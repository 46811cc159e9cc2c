"""Bad use raises a GradcheckError that names what was expected and what came."""

import numpy as np
import pytest

from gradcheck.errors import GradcheckError
from gradcheck.modules import CrossEntropy, CrossEntropyLog, Linear, LogSoftMax, ReLU, SoftMax, Tanh

LAYERS = [Tanh, ReLU, SoftMax, LogSoftMax]


@pytest.mark.parametrize("cls", LAYERS)
def test_bprop_before_fprop(cls):
    with pytest.raises(GradcheckError, match="before fprop"):
        cls().bprop(np.ones((2, 3)))


@pytest.mark.parametrize("cls", LAYERS)
def test_gradient_shape_must_match_the_cache(cls, rng):
    m = cls()
    m.fprop(rng.standard_normal((2, 3)))
    with pytest.raises(GradcheckError, match=r"\(2, 3\), got \(3, 2\)"):
        m.bprop(np.ones((3, 2)))


@pytest.mark.parametrize("cls", LAYERS)
def test_input_must_be_a_2d_float_array(cls):
    with pytest.raises(GradcheckError, match=r"shape \(B, N\), got \(3,\)"):
        cls().fprop(np.ones(3))
    with pytest.raises(GradcheckError, match="float array, got dtype int64"):
        cls().fprop(np.ones((2, 3), dtype=np.int64))
    with pytest.raises(GradcheckError, match="numpy array, got list"):
        cls().fprop([[1.0]])


@pytest.mark.parametrize("cls", LAYERS)
def test_non_finite_input_is_named(cls):
    x = np.zeros((2, 3))
    x[1, 2] = np.nan
    with pytest.raises(GradcheckError, match=r"finite input, got nan at \(1, 2\)"):
        cls().fprop(x)


def test_linear_input_shape_and_dtype():
    lin = Linear(4, 2)
    with pytest.raises(GradcheckError, match=r"shape \(B, 4\), got \(3, 5\)"):
        lin.fprop(np.ones((3, 5)))
    with pytest.raises(GradcheckError, match="dtype float64 .* got float32"):
        lin.fprop(np.ones((3, 4), np.float32))
    x = np.ones((3, 4))
    x[2, 1] = np.inf
    with pytest.raises(GradcheckError, match=r"got inf at \(2, 1\)"):
        lin.fprop(x)


def test_linear_bprop_checks():
    lin = Linear(4, 2)
    with pytest.raises(GradcheckError, match="before fprop"):
        lin.bprop(np.ones((3, 2)))
    lin.fprop(np.ones((3, 4)))
    with pytest.raises(GradcheckError, match=r"\(3, 2\), got \(3, 4\)"):
        lin.bprop(np.ones((3, 4)))


def test_linear_bad_init_and_dtype():
    with pytest.raises(GradcheckError, match="xavier, normal, zeros, got 'ones'"):
        Linear(2, 2, init="ones")
    with pytest.raises(GradcheckError, match="float type, got int32"):
        Linear(2, 2, dtype=np.int32)


@pytest.mark.parametrize("cls", [CrossEntropy, CrossEntropyLog])
def test_criterion_target_errors(cls):
    c = cls()
    with pytest.raises(GradcheckError, match="before set_target"):
        c.fprop(np.full((2, 3), 0.3))
    with pytest.raises(
        GradcheckError, match=r"labels of shape \(B,\).*got float64 of shape \(2,\)"
    ):
        c.set_target(np.array([0.0, 1.0]))
    with pytest.raises(GradcheckError, match="sum to 1, got 0.5 in row 1"):
        c.set_target(np.array([[1.0, 0.0], [0.25, 0.25]]))
    with pytest.raises(GradcheckError, match=">= 0, got -1"):
        c.set_target(np.array([0, -1]))
    c.set_target(np.array([0, 3]))
    with pytest.raises(GradcheckError, match=r"must be < 3 \(the input's columns\), got 3"):
        c.fprop(np.full((2, 3), 0.3))
    c.set_target(np.array([0, 1, 2]))
    with pytest.raises(GradcheckError, match=r"target shape \(3,\) does not fit input \(2, 3\)"):
        c.fprop(np.full((2, 3), 0.3))
    with pytest.raises(GradcheckError, match="before fprop"):
        cls().bprop()


def test_cross_entropy_rejects_negative_probabilities():
    ce = CrossEntropy()
    ce.set_target(np.array([0]))
    with pytest.raises(GradcheckError, match="z >= 0, got min -0.1"):
        ce.fprop(np.array([[1.1, -0.1]]))


def test_cross_entropy_gradient_at_zero_says_why():
    ce = CrossEntropy()
    ce.set_target(np.array([1]))
    ce.fprop(np.array([[1.0, 0.0]]))
    with pytest.raises(GradcheckError, match=r"unbounded: z\[0, 1\] = 0 .*LogSoftMax"):
        ce.bprop()


def test_cross_entropy_float32_overflow_says_why():
    ce = CrossEntropy()
    ce.set_target(np.array([1]))
    ce.fprop(np.array([[1.0, 1e-45]], np.float32))
    with pytest.raises(GradcheckError, match="overflows float32"):
        ce.bprop()
