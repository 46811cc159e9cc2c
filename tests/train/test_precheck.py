"""Before the first epoch each module type is checked; a broken bprop stops the run."""

import pytest

from gradcheck.modules import LogSoftMax, Tanh
from gradcheck.report.text import failure_text
from gradcheck.train import (
    Observer,
    PrecheckError,
    build_network,
    make_config,
    precheck,
    train,
)


class Recorder(Observer):
    def __init__(self):
        self.events = []

    def on_precheck(self, results, seconds):
        self.events.append(("precheck", tuple(r.module for r in results), seconds))

    def on_start(self, *args):
        self.events.append(("start",))


def test_each_module_type_is_checked_once_quickly(tiny):
    rec = Recorder()
    train(make_config("tanh-mlp", hidden=4, epochs=1, batch_size=30), tiny, observer=rec)
    (_, modules, seconds), start = rec.events
    assert modules == ("Linear", "Tanh", "SoftMax", "CrossEntropy")  # two Linears, one check
    assert seconds >= 0 and start == ("start",)


@pytest.mark.parametrize(("cls", "preset"), [(Tanh, "tanh-mlp"), (LogSoftMax, "log-softmax-sgd")])
def test_a_broken_bprop_stops_the_run_before_training(tiny, monkeypatch, cls, preset):
    monkeypatch.setattr(cls, "bprop", lambda self, grad_y: grad_y)  # forgets the local derivative
    rec = Recorder()
    config = make_config(preset, hidden=4, epochs=1, batch_size=30, dtype="float32")
    with pytest.raises(
        PrecheckError, match=f"bprop check failed before training for {cls.__name__}"
    ):
        train(config, tiny, observer=rec)
    assert [e[0] for e in rec.events] == ["precheck"]  # no epoch started


def test_the_failure_report_names_the_tensor_and_its_worst_entries(tiny, monkeypatch):
    monkeypatch.setattr(Tanh, "bprop", lambda self, grad_y: grad_y)
    with pytest.raises(PrecheckError) as e:
        train(make_config("tanh-mlp", hidden=4, epochs=1, batch_size=30), tiny)
    report = failure_text(e.value.results)  # the one failure renderer, as assert_gradients'
    assert report.startswith("Tanh: FAIL\n") and "worst entries of x" in report
    assert "finite differences" in report and "bprop" in report
    # the identity bprop gives 1 on the diagonal, where the true entry is 1 - tanh(x)² < 1
    rows = [line.split() for line in report.splitlines() if line.lstrip().startswith("y[")]
    assert rows and all(r[3] == "1" and 0 < float(r[2]) < 1 for r in rows)


def test_the_precheck_uses_small_instances(tiny):
    """Small, so it costs milliseconds (timed in benchmarks, not here): 3 samples of 5 inputs."""
    results = precheck(build_network(make_config("tanh-mlp", hidden=4), 784, 10))
    assert all(r.batch == 3 for r in results)
    assert {t.shape for r in results for t in r.tensors} == {(3, 5), (5, 4), (4,), (3, 4)}


def test_a_network_that_does_not_fit_the_data_is_a_plain_error_not_divergence(tiny):
    from gradcheck.errors import GradcheckError
    from gradcheck.train import Diverged, build_network

    config = make_config("softmax-regression", epochs=1, batch_size=30)
    for n_in, n_out, message in ((5, 3, r"expects shape \(B, 5\)"), (6, 2, "label 2 does not fit")):
        with pytest.raises(GradcheckError, match=message) as e:
            train(config, tiny, network=build_network(config, n_in, n_out))
        assert not isinstance(e.value, Diverged)


def test_a_wrong_fprop_with_a_consistent_bprop_is_stopped_by_the_symbolic_check(tiny):
    """Finite differences alone pass a sigmoid posing as Tanh; SymPy's Tanh does not."""
    from gradcheck.modules import CrossEntropy, Linear, Sequential, SoftMax
    from gradcheck.modules.tanh import TanhIsSigmoid
    from gradcheck.train import SymbolicPrecheckError
    from gradcheck.train.network import Network

    class SymbolicRecorder(Recorder):
        def on_symbolic(self, report, seconds):
            self.events.append(("symbolic", tuple(r.passed for r in report.results)))

    d = tiny.x_train.shape[1]
    f32 = tiny.x_train.dtype  # the preset's float32
    net = Network(
        Sequential(
            Linear(d, 4, rng=0, dtype=f32),
            TanhIsSigmoid(),
            Linear(4, tiny.n_classes, rng=1, dtype=f32),
            SoftMax(),
        ),
        CrossEntropy(),
    )
    rec = SymbolicRecorder()
    with pytest.raises(SymbolicPrecheckError, match="three-way check failed .* TanhIsSigmoid"):
        train(
            make_config("tanh-mlp", hidden=4, epochs=1, batch_size=30),
            tiny,
            network=net,
            observer=rec,
        )
    assert [e[0] for e in rec.events] == ["precheck", "symbolic"]  # numerics passed, SymPy not
    assert rec.events[1][1] == (True, False, True, True)
