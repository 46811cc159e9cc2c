"""The cost monitor stops a run at the first non-finite number, naming epoch, batch and cause."""

import numpy as np
import pytest

from gradcheck.modules import CrossEntropyLog
from gradcheck.train import Diverged, Network, Observer, build_network, make_config, train
from gradcheck.train import monitor as monitor_module
from gradcheck.train.monitor import likely_cause

from .conftest import blobs

# 90 training inputs in batches of 30: three batches per epoch
CONFIG = make_config("log-softmax-sgd", epochs=3, batch_size=30, lr=0.05, dtype="float32")


class PoisonedCost(CrossEntropyLog):
    """CrossEntropyLog whose n-th fprop (counting from 1) returns a planted value."""

    poison_at: int | None = None
    value = float("inf")

    def fprop(self, z):
        cost = super().fprop(z)
        self.calls = getattr(self, "calls", 0) + 1
        return self.value if self.calls == self.poison_at else cost


def poisoned(value: float, at: int) -> Network:
    net = build_network(CONFIG, 6, 3)
    crit = PoisonedCost()
    crit.poison_at, crit.value = at, value
    return Network(net.model, crit)


@pytest.mark.parametrize("value", [float("inf"), float("nan")])
def test_a_planted_non_finite_cost_stops_the_run_at_its_epoch_and_batch(tiny, value):
    net = poisoned(value, at=5)  # the 5th batch: epoch 2, batch 2
    before = [p.copy() for p in net.params]
    with pytest.raises(Diverged, match=r"epoch 2, batch 2: the cost is (inf|nan)") as e:
        train(CONFIG, tiny, network=net)
    assert (e.value.epoch, e.value.batch) == (2, 2)
    assert "likely cause: learning rate 0.05 too high" in str(e.value)
    assert not any(
        np.array_equal(p, q) for p, q in zip(net.params, before, strict=True)
    )  # it trained first


def test_a_monitor_that_checks_nothing_lets_the_same_run_finish(tiny, monkeypatch):
    """The test above fails on a broken monitor: without the check, nothing stops the run."""
    monkeypatch.setattr(monitor_module, "check_cost", lambda *args: None)
    metrics = train(CONFIG, tiny, network=poisoned(float("inf"), at=5))
    assert len(metrics.epochs) == 3


class NaNWeightsAfterEpoch1(Observer):
    def __init__(self, net):
        self.net = net

    def on_epoch(self, m):
        if m.epoch == 1:
            self.net.model.modules[0].W[0, 0] = np.nan


def test_nan_weights_make_the_next_module_complain_and_that_is_reported_as_divergence(tiny):
    net = build_network(CONFIG, 6, 3)
    with pytest.raises(Diverged, match=r"epoch 2, batch 1: Linear\.fprop") as e:
        train(CONFIG, tiny, network=net, observer=NaNWeightsAfterEpoch1(net))
    assert isinstance(e.value.__cause__, Exception)


def test_the_naive_pair_blowing_up_is_caught_with_its_likely_cause():
    data = blobs(dtype=np.float32)
    data.x_train[...] *= 100  # huge inputs and a huge rate: some probability rounds to 0
    config = make_config("log-softmax-sgd", stable=False, dtype="float32", lr=100.0, epochs=3)
    with pytest.raises(Diverged, match="the cost is inf") as e:
        train(config, data)
    assert (
        "likely cause: naive SoftMax + CrossEntropy at batch size 1 in float32: "
        "a probability rounded to 0 and ln 0 = -inf; try --stable or a lower --lr" in str(e.value)
    )


def test_an_overflowing_update_is_caught_and_blamed_on_the_learning_rate():
    tiny = blobs(dtype=np.float64)
    tiny.x_train[...] *= 1e5
    config = make_config("log-softmax-sgd", dtype="float64", lr=1e305, epochs=2)
    with pytest.raises(Diverged, match="epoch 1, batch 1: overflow") as e:
        train(config, tiny)  # lr·grad_W ≈ 1e305 · 1e5 overflows float64 in the first update
    assert "likely cause: learning rate 1e+305 too high" in str(e.value)


def test_the_message_is_one_line():
    text = str(Diverged(3, 7, "the cost is nan", CONFIG))
    assert "\n" not in text and text.startswith("training diverged in epoch 3, batch 7")
    assert "the validation pass" in str(Diverged(3, 0, "x", CONFIG))
    assert "try --stable" in likely_cause(make_config("softmax-regression"))
