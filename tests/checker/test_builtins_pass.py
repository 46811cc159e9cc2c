"""The real modules PASS against central differences: many seeds, random sizes, no false alarms."""

import numpy as np
import pytest

from gradcheck.checker import check_criterion, check_module, check_projection
from tests.checker.helpers import (
    CRITERION_NAMES,
    LAYER_NAMES,
    criterion_input,
    make_criterion,
    make_layer,
    make_network,
)

SEEDS = range(10)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", LAYER_NAMES)
def test_layer_passes(name, seed, dtype):
    rng = np.random.default_rng(seed)
    n, b = (int(v) for v in rng.integers(2, 7, 2))
    module = make_layer(name, n, rng, dtype)
    x = (rng.standard_normal((b, n)) * 2).astype(dtype)
    result = check_module(module, x, rng=seed)
    assert result.passed, result
    assert result.contract.passed
    assert {t.name for t in result.tensors} == ({"x", "W", "b"} if name == "Linear" else {"x"})


@pytest.mark.parametrize("target", ["labels", "soft"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", CRITERION_NAMES)
def test_criterion_passes(name, seed, dtype, target):
    rng = np.random.default_rng(seed)
    n, b = (int(v) for v in rng.integers(2, 7, 2))
    z = criterion_input(name, b, n, rng, dtype)
    t = rng.integers(0, n, b) if target == "labels" else rng.dirichlet(np.ones(n), b)
    result = check_criterion(make_criterion(name), z, t)
    assert result.passed, result


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("seed", SEEDS)
def test_network_passes_entrywise_and_by_projection(seed, dtype):
    rng = np.random.default_rng(seed)
    net = make_network(rng, dtype)
    x = rng.standard_normal((3, 5)).astype(dtype)
    assert check_module(net, x, rng=seed).passed
    assert check_projection(net, x, rng=seed).passed


def test_large_inputs_pass_for_the_stable_modules(rng):
    x = rng.standard_normal((3, 5)) * 50
    for name in ("SoftMax", "LogSoftMax"):
        assert check_module(make_layer(name, 5, rng), x, rng=0).passed
