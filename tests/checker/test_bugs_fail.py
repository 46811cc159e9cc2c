"""Every planted bug is reported as FAIL, on the tensor where the mistake is."""

import numpy as np
import pytest

from gradcheck.checker import check_criterion, check_module, check_projection
from gradcheck.modules import Criterion, Sequential, Tanh
from gradcheck.modules.registry import bugs
from tests.checker.helpers import criterion_input

BUGS = tuple(b for b in bugs() if b.triage == "bprop")  # bprop wrong: finite differences see it

BROKEN_TENSOR = {
    "linear-transposed": "W",
    "linear-no-batch-sum": "b",
    "linear-accumulate": "W",
    "linear-bias-mean": "b",
    "log-softmax-batch-sum": "grad_x",
}


def check_bug(bug, seed, dtype=np.float64):
    rng = np.random.default_rng(seed)
    n, b = int(rng.integers(2, 7)), int(rng.integers(2, 6))
    module = bug.make(n, rng)
    if isinstance(module, Criterion):
        z = criterion_input(bug.module_name, b, n, rng, dtype)
        return check_criterion(module, z, rng.integers(0, n, b))
    if hasattr(module, "W"):
        module = type(module)(n, n, rng=rng, dtype=dtype)
    return check_module(module, (rng.standard_normal((b, n)) * 2).astype(dtype), rng=seed)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("bug", BUGS, ids=lambda b: b.key)
def test_bug_is_caught(bug, seed, dtype):
    result = check_bug(bug, seed, dtype)
    assert not result.passed
    failed = {t.name for t in result.tensors + result.gradients if not t.passed}
    assert BROKEN_TENSOR.get(bug.key, "z" if "entropy" in bug.key else "x") in failed


@pytest.mark.parametrize(
    "bug", [b for b in BUGS if b.module_name in ("SoftMax", "Tanh")], ids=lambda b: b.key
)
def test_bug_inside_a_network_is_caught_by_projection(bug, rng):
    from gradcheck.modules import Linear

    net = Sequential(Linear(4, 5, rng=rng), bug.make(5, rng), Linear(5, 3, rng=rng), Tanh())
    assert not check_projection(net, rng.standard_normal((3, 4)), rng=1).passed


def test_worst_entries_name_indices_and_both_values(rng):
    bug = next(b for b in BUGS if b.key == "softmax-no-vs")
    x = rng.standard_normal((2, 3))
    tensor = check_module(bug.make(3, rng), x, rng=0).tensors[0]
    assert tensor.n_failed > 0 and tensor.worst
    worst = tensor.worst[0]
    s = np.exp(x[worst.row[0]]) / np.exp(x[worst.row[0]]).sum()
    i, j = worst.row[1], worst.col[1]
    assert worst.row[0] == worst.col[0]
    assert worst.reference == pytest.approx(s[i] * ((i == j) - s[j]), abs=1e-8)
    assert worst.candidate == pytest.approx(s[i] * (i == j), abs=1e-15)
    excess = [e.abs_err / (tensor.atol + tensor.rtol * abs(e.reference)) for e in tensor.worst]
    assert excess == sorted(excess, reverse=True)
