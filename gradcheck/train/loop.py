"""The training loop: shuffle, fprop, cost, bprop, SGD; per epoch, validation errors."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from gradcheck.data import Dataset
from gradcheck.errors import GradcheckError
from gradcheck.reading.calls import StudentError
from gradcheck.train import monitor, students
from gradcheck.train.checkpoint import Checkpoint, save
from gradcheck.train.config import Config
from gradcheck.train.data import check_fits, load_data
from gradcheck.train.diagnose import notes
from gradcheck.train.fingerprint import data_fingerprint
from gradcheck.train.metrics import EpochMetrics, Metrics
from gradcheck.train.network import Network, build_network, seeded_rngs
from gradcheck.train.observer import Observer
from gradcheck.train.precheck import (
    SymbolicPrecheckError,
    precheck,
    require_passed,
    symbolic_precheck,
)
from gradcheck.train.sgd import SGD

# Overflow and 0/0 anywhere in a step raise (and become Diverged); underflow stays silent.
TRAP: dict[str, Any] = {"over": "raise", "invalid": "raise", "divide": "raise"}


class TrainingInterrupted(KeyboardInterrupt):
    """Ctrl-C during training; .checkpoint is the state after the last whole epoch."""

    def __init__(self, checkpoint: Checkpoint) -> None:
        super().__init__(f"interrupted after {checkpoint.epoch} whole epochs")
        self.checkpoint = checkpoint


def train(
    config: Config,
    data: Dataset | None = None,
    *,
    network: Network | None = None,
    observer: Observer | None = None,
    checkpoint: str | None = None,
    resume: Checkpoint | None = None,
    precheck_modules: bool = True,
) -> Metrics:
    """Train config's network (or the one given, e.g. of a student's modules:
    gradcheck.train.students.build) on data (default: the configured dataset)."""
    data = load_data(config) if data is None else data
    if network is None:
        network = build_network(config, data.x_train.shape[1], data.n_classes)
    check_fits(config, data, network.model)
    fingerprint = data_fingerprint(data)
    if resume is not None:
        resume.require_data(fingerprint)
    obs = observer or Observer()
    np.random.seed(config.seed)  # noqa: NPY002 - students' modules call np.random.* directly
    if precheck_modules:
        _precheck(network, obs)
    _, rng = seeded_rngs(config.seed)
    if resume is not None:
        resume.restore(network, rng)
    history = list(resume.history) if resume is not None else []
    state = Checkpoint.capture(config, network, rng, history, fingerprint)
    obs.on_start(config, network, len(history) + 1, n_batches(config, data))
    sgd = SGD(config.lr)
    for epoch in range(len(history) + 1, config.epochs + 1):
        try:
            history.append(run_epoch(network, sgd, data, rng, config, epoch, obs))
            state = Checkpoint.capture(config, network, rng, history, fingerprint)
            if checkpoint is not None:
                save(state, checkpoint)
            obs.on_epoch(history[-1])
        except KeyboardInterrupt:
            raise TrainingInterrupted(state) from None
    return Metrics(config, tuple(history), notes(network) + students.notes(network))


def _precheck(network: Network, obs: Observer) -> None:
    """Each module type against finite differences, then three ways with SymPy; stop on failure.
    A student's modules: three ways, as built for this network."""
    start = time.perf_counter()
    if students.is_students(network):
        report = students.precheck(network)
        obs.on_symbolic(report, time.perf_counter() - start)
        if not report.passed:
            raise SymbolicPrecheckError(report)
        return
    results = precheck(network)
    obs.on_precheck(results, time.perf_counter() - start)
    require_passed(results)
    start = time.perf_counter()
    report = symbolic_precheck(network)
    obs.on_symbolic(report, time.perf_counter() - start)
    if not report.passed:
        raise SymbolicPrecheckError(report)


def n_batches(config: Config, data: Dataset) -> int:
    return -(-len(data.x_train) // config.batch_size)


def run_epoch(
    net: Network,
    sgd: SGD,
    data: Dataset,
    rng: np.random.Generator,
    config: Config,
    epoch: int,
    obs: Observer,
) -> EpochMetrics:
    """One pass over the training set in a fresh random order, then the validation errors."""
    start = time.perf_counter()
    n, size, total = len(data.x_train), config.batch_size, n_batches(config, data)
    order = rng.permutation(n)  # (N,)
    cost_sum, errors, k = 0.0, 0, 0
    try:
        with np.errstate(**TRAP):
            for k in range(1, total + 1):
                idx = order[(k - 1) * size : k * size]  # (B,)
                x, t = data.x_train[idx], data.y_train[idx]  # (B, D), (B,)
                out, cost = forward(net, x, t)  # (B, C), float
                if not np.isfinite(cost) and students.is_students(net):
                    raise monitor.Diverged(
                        epoch, k, f"the cost is {cost}; {students.culprit(net, x, t)}", config
                    )
                monitor.check_cost(cost, epoch, k, config)  # before any update
                backward(net, sgd)
                cost_sum += cost * len(idx)
                errors += int((out.argmax(axis=1) != t).sum())
                obs.on_batch(epoch, k, total)
            k = 0  # the validation pass
            val = count_errors(net, data.x_val, data.y_val)
    except monitor.Diverged:
        raise
    except StudentError as e:  # the student's module raised, hung or returned garbage
        if "FloatingPointError" in e.line:
            raise monitor.Diverged(epoch, k, e.line, config) from None
        raise GradcheckError(f"{e.line}, in epoch {epoch}, batch {k}") from None
    except (GradcheckError, FloatingPointError) as e:  # a module met a non-finite number
        raise monitor.Diverged(epoch, k, str(e), config) from e
    return EpochMetrics(epoch, cost_sum / n, errors, val, time.perf_counter() - start)


def forward(net: Network, x: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, float]:
    """The network's output (B, C) and the batch's cost."""
    out = net.model.fprop(x)  # (B, C)
    net.criterion.set_target(t)
    return out, net.criterion.fprop(out)


def backward(net: Network, sgd: SGD) -> None:
    """Gradients of the last forward's cost, then one SGD update."""
    net.model.bprop(net.criterion.bprop())
    sgd.step(net.model.params, net.model.grads)


def count_errors(net: Network, x: np.ndarray, t: np.ndarray) -> int:
    """Inputs whose highest output is not their label."""
    return int((net.model.fprop(x).argmax(axis=1) != t).sum())  # (N, C) -> count
