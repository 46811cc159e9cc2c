"""A criterion is not a Module and keeps its own contract: set_target(t), fprop(z) -> a Python
float, the mean of the per-sample losses (computed here, one sample at a time, with math.log),
and bprop() with no argument. The contract check is shown to fail on broken variants."""

import inspect
import math

import numpy as np
import pytest

from gradcheck.checker import check_criterion, check_module
from gradcheck.errors import GradcheckError
from gradcheck.modules import Criterion, CrossEntropy, CrossEntropyLog, Module, SoftMax, Tanh
from gradcheck.reading import CRITERION, MODULE, kind_of, read
from gradcheck.threeway import verify

B, N = 4, 5


def cross_entropy(zb, tb) -> float:
    """-Σ_i t_i ln z_i of one sample, written out."""
    return -sum(ti * math.log(zi) for zi, ti in zip(zb, tb, strict=True) if ti > 0)


def cross_entropy_log(zb, tb) -> float:
    """-Σ_i t_i z_i of one sample, written out."""
    return -sum(ti * zi for zi, ti in zip(zb, tb, strict=True))


LOSSES = {CrossEntropy: cross_entropy, CrossEntropyLog: cross_entropy_log}


def problems(crit, z, t, loss) -> list[str]:
    """What is wrong with crit's contract at (z, t), against the per-sample loss given."""
    found = []
    if isinstance(crit, Module):
        found.append("a Module")
    if inspect.signature(crit.bprop).parameters:
        found.append("bprop takes an argument")
    crit.set_target(t)
    cost = crit.fprop(z)
    rows = np.eye(z.shape[1])[t] if t.ndim == 1 else t
    mean = sum(loss(zb, tb) for zb, tb in zip(z.tolist(), rows.tolist(), strict=True)) / len(z)
    if type(cost) is not float:
        found.append(f"fprop returned {type(cost).__name__}")
    elif not math.isclose(cost, mean, rel_tol=1e-12):
        found.append(f"fprop returned {cost}, the mean of the losses is {mean}")
    grad = crit.bprop()
    if not isinstance(grad, np.ndarray) or grad.shape != z.shape:
        found.append("bprop() did not return grad_z of z's shape")
    return found


def _batch(cls, rng):
    p = rng.dirichlet(np.ones(N) * 5, B) * 0.8 + 0.2 / N  # (B, N) probabilities away from 0
    return p if cls is CrossEntropy else np.log(p)


@pytest.mark.parametrize("cls", [CrossEntropy, CrossEntropyLog])
@pytest.mark.parametrize("target", ["labels", "soft"])
def test_a_criterion_is_not_a_module_and_honours_its_contract(cls, target, rng):
    z = _batch(cls, rng)
    t = rng.integers(0, N, B) if target == "labels" else rng.dirichlet(np.ones(N), B)
    assert problems(cls(), z, t, LOSSES[cls]) == []
    assert isinstance(cls(), Criterion) and not issubclass(cls, Module)
    assert not hasattr(cls(), "params") and not hasattr(cls(), "grads")


class SummedCost(CrossEntropy):
    def fprop(self, z):
        return super().fprop(z) * len(z)


class ArrayCost(CrossEntropy):
    def fprop(self, z):
        return np.array([super().fprop(z)])


class OldSignature(CrossEntropy):
    def bprop(self, grad_y=None):
        return super().bprop()


class AsModule(Module):
    """The old design: a criterion through the layer contract."""

    def set_target(self, t):
        self.t = np.asarray(t)

    def fprop(self, z):
        self.z = z
        return float(-np.log(z[np.arange(len(z)), self.t]).mean())

    def bprop(self, grad_y=None):
        g = np.zeros_like(self.z)
        g[np.arange(len(self.z)), self.t] = -1 / (
            len(self.z) * self.z[np.arange(len(self.z)), self.t]
        )
        return g


@pytest.mark.parametrize(
    ("broken", "said"),
    [
        (SummedCost, "the mean of the losses"),
        (ArrayCost, "fprop returned ndarray"),
        (OldSignature, "bprop takes an argument"),
        (AsModule, "a Module"),
    ],
)
def test_the_contract_check_fails_on_broken_criteria(broken, said, rng):
    found = problems(broken(), _batch(CrossEntropy, rng), rng.integers(0, N, B), cross_entropy)
    assert any(said in p for p in found), found


def test_bprop_with_an_incoming_gradient_is_a_type_error(rng):
    ce = CrossEntropy()
    ce.set_target(rng.integers(0, N, B))
    ce.fprop(_batch(CrossEntropy, rng))
    with pytest.raises(TypeError):
        ce.bprop(np.ones((B, N)))


class StudentSum:
    """A student's criterion: forward(z, t) summed over the batch, backward() of the sum."""

    def forward(self, z, t):
        self.z, self.t = z, t
        return -np.log(z[np.arange(len(t)), t]).sum()

    def backward(self):
        g = np.zeros_like(self.z)
        g[np.arange(len(self.t)), self.t] = -1 / self.z[np.arange(len(self.t)), self.t]
        return g


def test_a_read_students_criterion_presents_the_same_contract(rng):
    c = read(StudentSum(), reference="CrossEntropy")
    assert isinstance(c, Criterion) and kind_of(c) == CRITERION
    assert problems(c, _batch(CrossEntropy, rng), rng.integers(0, N, B), cross_entropy) == []


def test_a_read_criterion_refuses_a_target_that_does_not_fit_in_one_line(rng):
    c = read(StudentSum(), reference="CrossEntropy")
    c.set_target(np.array([0, 1, 2, N]))  # label N: out of range for N classes
    with pytest.raises(GradcheckError, match=rf"must be < {N} \(the input's columns\), got {N}"):
        c.fprop(_batch(CrossEntropy, rng))


def test_the_kind_is_decided_by_base_class_reference_or_methods():
    assert kind_of(CrossEntropy()) == CRITERION and kind_of(Tanh()) == MODULE
    assert kind_of(StudentSum()) == CRITERION  # forward(z, t)
    assert kind_of(object(), "CrossEntropyLog") == CRITERION
    assert kind_of(object(), "SoftMax") == MODULE


def test_one_of_gradcheck_s_own_checked_as_the_other_kind_is_refused(rng):
    z = _batch(CrossEntropy, rng)
    with pytest.raises(GradcheckError, match="CrossEntropy is a criterion.*check_criterion"):
        check_module(CrossEntropy(), z)
    with pytest.raises(GradcheckError, match="SoftMax is a module.*check_module"):
        check_criterion(SoftMax(), z, rng.integers(0, N, B))
    with pytest.raises(
        GradcheckError, match="SoftMax is a module but its reference CrossEntropy is a criterion"
    ):
        verify(SoftMax(), reference="CrossEntropy")
