"""The ladder decides entries a first central difference cannot: closed-form functions, each
with the state its derivative calls for (checker/ladder.py)."""

import numpy as np

from gradcheck.checker.ladder import FAIL, KINK, PASS, UNCHECKED, Ladder, settle
from gradcheck.checker.stepsize import tolerance

EPS = float(np.finfo(float).eps)


def ladder_of(f, x0: float, rel: float, eps: float = EPS) -> Ladder:
    """One entry: the one-sided quotients of the scalar f at x0, with step rel · max(1, |x0|)."""

    def sides(r: float, mask: np.ndarray):
        h = r * max(1.0, abs(x0))
        fp, f0, fm = f(x0 + h), f(x0), f(x0 - h)
        return (
            np.array([(fp - f0) / h]),
            np.array([(f0 - fm) / h]),
            np.array([2 * eps * max(abs(fp), abs(f0), abs(fm)) / h]),
        )

    return Ladder(sides, rel, (1,))


def decide(f, x0, rel, candidate, eps=EPS, dtype=np.float64):
    lad = ladder_of(f, x0, rel, eps)
    fwd, bwd, _ = lad.sides(rel, np.ones(1, bool))
    first = (fwd + bwd) / 2
    state, best = settle(
        first, np.array([candidate]), tolerance(dtype).bound, lad, np.ones(1, bool)
    )
    return int(state[0]), float(best[0])


def test_a_step_too_large_for_the_curvature_is_refined_not_failed():
    f, x0 = (lambda x: np.exp(3 * x)), 0.5
    true = 3 * np.exp(1.5)
    first = (f(x0 + 1e-2) - f(x0 - 1e-2)) / 2e-2
    assert abs(first - true) > tolerance(np.float64).bound(true)  # the first estimate is off
    state, best = decide(f, x0, 1e-2, true)
    assert state == PASS and abs(best - true) < 1e-5 * true


def test_a_wrong_candidate_fails_once_the_estimates_converge():
    f, x0 = (lambda x: np.exp(3 * x)), 0.5
    assert decide(f, x0, 1e-2, 1.01 * 3 * np.exp(1.5))[0] == FAIL


def test_a_kink_within_every_step_is_a_kink_for_any_subgradient():
    for slope in (1.0, -1.0, 0.5):  # |x| at 0: any subgradient in [-1, 1]
        assert decide(abs, 0.0, 1e-6, slope)[0] == KINK
    assert decide(abs, 0.0, 1e-6, 0.0)[0] == PASS  # the central difference itself
    assert decide(abs, 1e-9, 1e-6, 1.0)[0] == KINK  # within h/256 of the kink: cannot tell


def test_a_value_outside_the_one_sided_quotients_is_not_excused_as_a_kink():
    assert decide(abs, 0.0, 1e-6, 3.0)[0] not in (KINK, PASS)
    assert decide(abs, 1e-9, 1e-6, -1.0)[0] not in (KINK, PASS)  # |x|' = 1 at x = 1e-9


def test_rounding_noise_at_every_step_leaves_the_entry_unchecked():
    def f(x):
        return float(np.tanh(np.float32(x)))

    eps32 = float(np.finfo(np.float32).eps)
    true = 1 - np.tanh(0.5) ** 2
    state, _ = decide(f, 0.5, 1e-9, true, eps32, np.float32)
    assert state == UNCHECKED
    assert decide(f, 0.5, 1e-9, 5 * true, eps32, np.float32)[0] == UNCHECKED  # nor a FAIL


def many(candidate_scale: float, n: int = 2000):
    """n entries of f(x) = exp(3x) at x spread over [0, 1], first estimated at a step too large
    for the curvature (every entry out of tolerance at first); the candidate is the true
    derivative times candidate_scale. Returns (state, entries the ladder was asked about)."""
    x0 = np.linspace(0, 1, n)
    true = 3 * np.exp(3 * x0)
    asked = np.zeros(n, bool)

    def sides(r: float, mask: np.ndarray):
        asked[mask] = True
        fp, f0, fm = np.exp(3 * (x0 + r)), np.exp(3 * x0), np.exp(3 * (x0 - r))
        return (fp - f0) / r, (f0 - fm) / r, 2 * EPS * np.maximum(fp, f0) / r

    lad = Ladder(sides, 1e-2, (n,))
    first = (np.exp(3 * (x0 + 1e-2)) - np.exp(3 * (x0 - 1e-2))) / 2e-2
    bound = tolerance(np.float64).bound
    assert (np.abs(first - true) > bound(true)).all()  # all pending
    state, _ = settle(first, true * candidate_scale, bound, lad, np.ones(n, bool))
    return state, asked


def test_a_wrong_gradient_of_many_entries_fails_on_a_sample_of_them():
    from gradcheck.checker.ladder import SAMPLE

    state, asked = many(1.01)
    assert (state == FAIL).all() and asked.sum() == SAMPLE < asked.size


def test_a_right_gradient_of_many_entries_is_examined_entry_by_entry_and_passes():
    state, asked = many(1.0)
    assert (state == PASS).all() and asked.all()
