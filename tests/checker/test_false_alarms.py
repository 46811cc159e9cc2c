"""The false alarms of issue 10, each reproduced once, and the checks that replaced them can
still fail: a planted bug under the same conditions is a FAIL."""

import numpy as np
import pytest

from gradcheck.checker import check_criterion, check_module, check_projection, steps
from gradcheck.errors import GradcheckError
from gradcheck.modules import CrossEntropy, Linear, LogSoftMax, ReLU, Sequential, SoftMax, Tanh
from gradcheck.modules.registry import bugs
from gradcheck.threeway import verify

BUGS = tuple(b for b in bugs() if b.triage == "bprop")  # bprop wrong: finite differences see it


def bug(key):
    return next(b for b in BUGS if b.key == key).make(4, np.random.default_rng(0))


def tiny_probabilities(rng, b, n, low=1e-12):
    p = 10.0 ** rng.uniform(np.log10(low), 0, (b, n))
    return p / p.sum(axis=1, keepdims=True)


def test_nonnegative_steps_are_relative_and_never_cross_zero():
    z = np.array([1e-300, 1e-12, 1e-3, 0.5, 1.0, 0.0])
    h = steps(z, domain="nonnegative")
    assert (z[:-1] - h[:-1] > 0).all() and h[-1] == 0
    assert np.allclose(h[:-1] / z[:-1], np.cbrt(np.finfo(float).eps), rtol=1e-3)
    assert steps(np.float32([1e-20]), domain="nonnegative")[0] < 1e-20


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("seed", range(8))
def test_cross_entropy_at_probabilities_down_to_1e_12(seed, dtype):
    rng = np.random.default_rng(seed)
    z = tiny_probabilities(rng, 4, 6).astype(dtype)  # the step used to push these below 0
    t = rng.integers(0, 6, 4)
    assert check_criterion(CrossEntropy(), z, t).passed
    assert verify(CrossEntropy(), x=z, t=t, dtype=np.dtype(dtype).name).passed
    assert not check_criterion(bug("cross-entropy-sum"), z, t).passed
    assert not check_criterion(bug("cross-entropy-no-mean"), z, t).passed


def test_a_zero_probability_off_target_is_left_unchecked_not_failed():
    z, t = np.array([[0.0, 0.3, 0.7]]), np.array([2])
    result = check_criterion(CrossEntropy(), z, t)
    assert result.passed and result.n_unchecked == 1
    assert result.tensors[0].unchecked[0].col == (0, 0)
    assert not check_criterion(bug("cross-entropy-sign"), z, t).passed


@pytest.mark.parametrize("size", [34, 40, 60])
def test_verify_float32_cross_entropy_at_large_sizes(size):
    for seed in range(3):
        assert verify("CrossEntropy", dtype="float32", size=size, batch=6, seed=seed).passed


@pytest.mark.parametrize(("dtype", "centre"), [("float64", 1000.0), ("float32", 500.0)])
@pytest.mark.parametrize("cls", [SoftMax, LogSoftMax])
def test_logits_around_plus_minus_1000(cls, dtype, centre):
    rng = np.random.default_rng(1)
    for sign in (1, -1):
        x = (sign * centre + rng.standard_normal((3, 5))).astype(dtype)
        assert verify(cls(), x=x, dtype=dtype).passed
        assert check_module(cls(), x, rng=0).passed
    broken = bug("softmax-no-vs" if cls is SoftMax else "log-softmax-no-s")
    assert not check_module(broken, (centre + rng.standard_normal((3, 5))).astype(dtype)).passed


def relu_net(rng, dtype=np.float64):
    """Linear → ReLU → Linear with the first pre-activations of sample 0 within a step of 0."""
    first, second = Linear(4, 5, rng=rng, dtype=dtype), Linear(5, 3, rng=rng, dtype=dtype)
    x = rng.standard_normal((3, 4)).astype(dtype)
    first.b[...] = -(x[0] @ first.W) + np.array([0, 1e-7, -1e-7, 3e-6, -3e-6])
    return Sequential(first, ReLU(), second), x


def test_kinks_crossed_by_parameter_perturbations_are_reported_not_failed():
    net, x = relu_net(np.random.default_rng(3))
    result = check_module(net, x, rng=0)
    assert result.passed
    by_name = {t.name: t for t in result.tensors}
    assert by_name["0.W"].n_kinks > 0 and by_name["0.b"].n_kinks > 0
    assert all(e.kink for e in by_name["0.b"].kinks)
    assert verify(net, x=x).passed and check_projection(net, x, rng=0).passed


def test_a_wrong_relu_near_its_kink_still_fails():
    class ReLUTwice(ReLU):  # slope 2 for x > 0: wrong away from the kink too
        def bprop(self, grad_y):
            return 2 * super().bprop(grad_y)

    rng = np.random.default_rng(3)
    net, x = relu_net(rng)
    net.modules[1] = ReLUTwice()
    result = check_module(net, x, rng=0)
    assert not result.passed
    assert {t.name for t in result.tensors if not t.passed} >= {"x", "0.W", "0.b"}


@pytest.mark.parametrize("seed", range(10))
def test_projection_of_tanh_networks(seed):
    rng = np.random.default_rng(seed)
    net = Sequential(Linear(5, 7, rng=rng), Tanh(), Linear(7, 4, rng=rng), LogSoftMax())
    x = rng.standard_normal((4, 5)) * 3
    result = check_projection(net, x, rng=seed)
    assert result.passed and len(result.bounds) == 3


def test_projection_falls_back_to_check_module_and_fails_with_it():
    rng = np.random.default_rng(0)
    net = Sequential(Linear(4, 5, rng=rng), bug("tanh-plus"), Linear(5, 3, rng=rng))
    result = check_projection(net, rng.standard_normal((3, 4)), rng=1)
    assert not result.passed
    assert result.fallback is not None and not result.fallback.passed and result.notes


def test_the_batch_gradient_catches_a_sum_over_the_batch_axis():
    x = np.random.default_rng(0).standard_normal((3, 4))
    result = check_module(bug("log-softmax-batch-sum"), x, rng=0)
    assert [t.passed for t in result.tensors] == [True]  # one-hot rows of one sample: blind
    assert [(t.name, t.passed) for t in result.gradients] == [("grad_x", False)]
    good = check_module(LogSoftMax(), x, rng=0)
    assert good.passed and [t.name for t in good.gradients] == ["grad_x"]


def test_the_batch_gradient_covers_parameters():
    rng = np.random.default_rng(0)
    result = check_module(Linear(3, 2, rng=rng), rng.standard_normal((4, 3)), rng=0)
    assert [t.name for t in result.gradients] == ["grad_x", "grad_W", "grad_b"]
    assert result.passed


def test_float16_is_refused_in_one_line():
    x = np.zeros((2, 3), np.float16)
    for call in (
        lambda: check_module(Tanh(), x),
        lambda: check_projection(Tanh(), x),
        lambda: check_criterion(CrossEntropy(), x + 0.5, [0, 1]),
    ):
        with pytest.raises(GradcheckError, match="float16") as e:
            call()
        assert "\n" not in str(e.value)


def test_unchecked_entries_are_shown():
    import io

    from rich.console import Console

    from gradcheck.report.check import render_check

    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(render_check(check_criterion(CrossEntropy(), np.array([[0.0, 0.3, 0.7]]), [2])))
    text = console.file.getvalue()
    assert "? 1 entry not checked" in text and "✓ PASS" in text
