"""Each check beyond the three pairs can fail: rows, stability, structure, a crash."""

import numpy as np

from gradcheck.modules import Linear, SoftMax, Tanh
from gradcheck.modules.softmax import SoftMaxNoDot, SoftMaxNoShift
from gradcheck.threeway import verify


class BatchCentred(Tanh):
    """Subtracts the batch mean: a sample's output depends on the other samples."""

    def fprop(self, x):
        self.y = x - x.mean(axis=0)
        return self.y

    def bprop(self, grad_y):
        return grad_y - grad_y.mean(axis=0)


class NaiveTanh(Tanh):
    """tanh from exponentials: inf / inf = NaN past |x| ≈ 710."""

    def fprop(self, x):
        e, f = np.exp(x), np.exp(-x)
        self.y = (e - f) / (e + f)
        return self.y


def test_rows_that_depend_on_each_other_come_first():
    mv = verify(BatchCentred()).results[0]
    assert not mv.contract.passed and mv.triage == "rows"
    assert "rows are not treated independently" in mv.contract.detail


def test_softmax_without_the_max_shift_is_unstable_without_any_warning():
    mv = verify(SoftMaxNoShift()).results[0]
    assert all(c.passed for c in mv.checks)
    assert not mv.stability.passed and mv.triage == "unstable"
    assert mv.stability.detail.startswith("fprop gives nan")


def test_tanh_from_exponentials_is_unstable():
    assert verify(NaiveTanh()).results[0].triage == "unstable"


def test_structure_facts_fail_for_a_broken_bprop():
    facts = {f.name: f.passed for f in verify(SoftMaxNoDot()).results[0].facts}
    assert facts == {"symmetric: J = Jᵀ": True, "each row sums to 0": False}


def test_linear_facts_hold_and_fail():
    lin = Linear(3, 4, rng=0)
    assert all(f.passed for f in verify(lin).results[0].facts)

    class DenseW(Linear):
        def bprop(self, grad_y):
            grad_x = super().bprop(grad_y)
            self.grad_W += 1e-3  # every weight gets some gradient
            return grad_x

    facts = {f.name: f.passed for f in verify(DenseW(3, 4, rng=0)).results[0].facts}
    assert facts["∂y_i/∂W_jk = 0 unless k = i"] is False


def test_a_module_that_needs_no_input_gradient_checks_only_its_parameters():
    lin = Linear(3, 2, rng=0, requires_input_grad=False)
    mv = verify(lin).results[0]
    assert mv.passed and [c.name for c in mv.checks] == ["W", "b", "grad_W", "grad_b"]


def test_a_step_override_is_recorded_and_used():
    mv = verify(SoftMax(), step=1e-4).results[0]
    assert mv.step == 1e-4 and mv.passed
    assert mv.jacobians[0].sym_fd.max_abs_err > 1e-10  # a larger truncation error than cbrt(eps)
