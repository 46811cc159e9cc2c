"""Bug sweep: every planted bug still FAILS, through check_module / check_criterion (float64 and
float32) and through the three-way verify with its expected triage, at random sizes, batches and
seeds."""

import numpy as np
import pytest

from gradcheck.checker import check_criterion, check_module
from gradcheck.modules import Criterion
from gradcheck.modules.registry import bugs
from gradcheck.threeway.demo import run_bug
from tests.checker.helpers import criterion_input

ALL = bugs()
BUGS = tuple(b for b in bugs() if b.triage == "bprop")  # bprop wrong: finite differences see it


def checker_verdict(bug, seed: int, dtype) -> bool:
    """check_module / check_criterion on the bug at a random size (2-12) and batch (2-6)."""
    rng = np.random.default_rng(seed)
    n, b = int(rng.integers(2, 13)), int(rng.integers(2, 7))
    module = bug.make(n, rng)
    if isinstance(module, Criterion):
        z = criterion_input(bug.module_name, b, n, rng, dtype)
        return check_criterion(module, z, rng.integers(0, n, b)).passed
    if hasattr(module, "W"):
        module = type(module)(n, n, rng=rng, dtype=dtype)
    return check_module(module, (rng.standard_normal((b, n)) * 2).astype(dtype), rng=seed).passed


def caught_by_verify(bug, seed: int) -> bool:
    """verify FAILS the bug with its expected triage, at a random size (2-12) and batch (2-6)."""
    rng = np.random.default_rng(seed)
    return run_bug(
        bug, seed=seed, size=int(rng.integers(2, 13)), batch=int(rng.integers(2, 7))
    ).caught


@pytest.mark.parametrize("bug", BUGS, ids=lambda b: b.key)
def test_every_bprop_bug_fails_the_checker(bug):
    for seed in range(100, 104):
        for dtype in (np.float64, np.float32):
            assert not checker_verdict(bug, seed, dtype), (seed, dtype)


@pytest.mark.parametrize("bug", ALL, ids=lambda b: b.key)
def test_every_planted_bug_fails_verify_with_its_triage(bug):
    for seed in range(100, 104):
        assert caught_by_verify(bug, seed), seed


@pytest.mark.slow
def test_every_bug_fails_over_many_seeds():
    missed = [
        (bug.key, seed, np.dtype(dt).name)
        for bug in BUGS
        for seed in range(200, 240)
        for dt in (np.float64, np.float32)
        if checker_verdict(bug, seed, dt)
    ]
    missed += [
        (bug.key, seed, "verify")
        for bug in ALL
        for seed in range(200, 240)
        if not caught_by_verify(bug, seed)
    ]
    assert missed == []
