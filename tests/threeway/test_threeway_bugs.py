"""Every planted bug FAILS with its expected triage; the catalogue covers every triage."""

import numpy as np
import pytest

from gradcheck.modules.registry import bugs, traps
from gradcheck.threeway.demo import run_bug, run_bugs
from gradcheck.threeway.triage import SENTENCES

ALL, TRAPS = bugs(), traps()  # every built-in's planted bugs, and its traps
BUGS = tuple(b for b in bugs() if b.triage == "bprop")  # bprop wrong: finite differences see it
EXTRA = tuple(b for b in ALL if b.triage != "bprop")


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("bug", ALL, ids=lambda b: b.key)
def test_bug_fails_with_its_triage(bug, seed):
    rng = np.random.default_rng(seed)
    size, batch = int(rng.integers(2, 7)), int(rng.integers(2, 5))
    outcome = run_bug(bug, seed=seed, size=size, batch=batch)
    assert not outcome.found.passed
    assert outcome.found.triage == bug.triage, outcome.found.sentence
    assert outcome.caught


def test_the_catalogue_is_large_and_covers_every_finding():
    assert len(ALL) >= 10 and set(BUGS) < set(ALL)
    assert {b.triage for b in ALL} >= {"bprop", "fprop", "fprop-only", "all", "unstable"}
    assert all(b.triage in SENTENCES for b in ALL)
    assert len({b.key for b in ALL}) == len(ALL)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("trap", TRAPS, ids=lambda b: b.key)
def test_correct_modules_that_fool_one_central_difference_pass(trap, seed):
    rng = np.random.default_rng(seed)
    size, batch = int(rng.integers(2, 7)), int(rng.integers(2, 5))
    found = run_bug(trap, seed=seed, size=size, batch=batch).found
    assert found.passed, found.sentence
    for check in found.checks:  # an undecided entry rests on the symbolic Jacobian, and says so
        assert (check.n_unchecked > 0) == ("rests on the symbolic Jacobian" in check.note)


def test_a_tiny_float32_step_leaves_entries_unchecked_and_says_so():
    trap = next(b for b in TRAPS if b.key == "tanh-float32-tiny-step")
    found = run_bug(trap, seed=0, size=6, batch=3).found
    assert found.passed and found.n_unchecked > 0 and found.fd_notes


def test_fprop_bugs_agree_with_fd_and_only_the_symbolic_jacobian_objects():
    bug = next(b for b in EXTRA if b.key == "tanh-is-sigmoid")
    check = run_bug(bug).found.jacobians[0]
    assert check.bprop_fd.passed and not check.sym_fd.passed and not check.bprop_sym.passed
    e = check.worst[0]
    assert e.bprop == pytest.approx(e.fd, rel=1e-6) and e.bprop != pytest.approx(e.symbolic)


def test_demo_runs_every_bug_in_order():
    outcomes = run_bugs(seed=0)
    assert [o.key for o in outcomes] == [b.key for b in ALL]
    assert all(o.caught for o in outcomes)
    assert outcomes[0].to_dict()["caught"] is True


def test_a_correct_module_is_not_caught():
    from gradcheck.modules import Bug, SoftMax

    outcome = run_bug(Bug("none", "the real one", SoftMax))
    assert outcome.found.passed and not outcome.caught
