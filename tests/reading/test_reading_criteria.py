"""Criteria in students' conventions: targets, reductions and gradients read, then checked
against SymPy's gradient and finite differences; the reading against closed forms here."""

import numpy as np
import pytest

from gradcheck.checker import check_criterion
from gradcheck.reading import Criterion, read
from gradcheck.threeway import load, verify
from tests.reading.conftest import CONVENTIONS, spec

CRITERIA = [
    (
        "SkelCE",
        "CrossEntropy",
        ["set_targets(t), fprop(z), bprop(grad_out)", "target one-hot", "one loss per sample"],
    ),
    (
        "SumCE",
        "CrossEntropy",
        ["forward(z, t), backward()", "target labels", "summed over the batch"],
    ),
    ("MlpCELog", "SoftMax+CrossEntropy", ["__call__(z, t), grad(z, t)", "the batch mean"]),
    ("MeanCELog", "CrossEntropyLog", ["set_target(t), forward(z), backward()"]),
    ("SingleCE", "CrossEntropy", ["single-sample (z of shape (N,))", "target labels"]),
]


@pytest.mark.parametrize(("cls", "ref", "said"), CRITERIA, ids=[c[0] for c in CRITERIA])
def test_correct_criteria_pass_three_ways(cls, ref, said):
    mv = verify(spec(CONVENTIONS, cls), reference=ref).results[0]
    assert mv.passed and mv.kind == "criterion", (mv.triage, mv.error, mv.reading)
    for phrase in said:
        assert phrase in mv.reading, (phrase, mv.reading)


def _criterion(cls) -> Criterion:
    obj = load.instantiate(load.load_class(spec(CONVENTIONS, cls)))
    return read(obj, reference="CrossEntropy")


@pytest.mark.parametrize("cls", ["SkelCE", "SumCE"])
def test_the_cost_and_gradient_are_of_the_batch_mean_whatever_the_student_returns(cls):
    c = _criterion(cls)
    rng = np.random.default_rng(3)
    z, t = rng.dirichlet(np.ones(5), 4), np.array([0, 4, 2, 2])
    c.set_target(t)
    rows = np.arange(4)
    assert c.fprop(z) == pytest.approx(-np.log(z[rows, t]).mean(), rel=1e-12)
    want = np.zeros_like(z)
    want[rows, t] = -1 / (4 * z[rows, t])  # -t / (B z)
    np.testing.assert_allclose(c.bprop(), want, rtol=1e-12)


def test_the_sum_is_a_note_about_the_learning_rate_not_a_failure():
    mv = verify(spec(CONVENTIONS, "SumCE"), reference="CrossEntropy").results[0]
    assert mv.passed and any("learning rate acts B times larger" in n for n in mv.notes)


def test_the_checker_api_reads_plain_criteria():
    obj = load.instantiate(load.load_class(spec(CONVENTIONS, "SkelCE")))
    z = np.random.default_rng(0).dirichlet(np.ones(4) * 5, 3) * 0.8 + 0.05  # away from 0
    r = check_criterion(obj, z, np.array([1, 0, 3]))
    assert r.passed and "one loss per sample" in r.reading


def test_the_checker_api_takes_hints():
    from gradcheck.reading import Hints

    obj = load.instantiate(load.load_class(spec(CONVENTIONS, "SumCE")))
    z = np.random.default_rng(1).dirichlet(np.ones(4) * 5, 3) * 0.8 + 0.05
    told = check_criterion(obj, z, np.array([1, 0, 3]), hints=Hints(reduction="mean"))
    assert "cost the batch mean" in told.reading and not told.passed  # told wrong: it sums
    assert check_criterion(obj, z, np.array([1, 0, 3])).passed  # read right: a sum
