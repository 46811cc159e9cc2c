"""How the training loop reports: an Observer whose methods do nothing unless overridden."""

from __future__ import annotations

from gradcheck.checker import CheckResult
from gradcheck.train.config import Config
from gradcheck.train.metrics import EpochMetrics
from gradcheck.train.network import Network


class Observer:
    """Subclass and override what you want to show; the loop calls these in order."""

    def on_precheck(self, results: tuple[CheckResult, ...], seconds: float) -> None:
        """After the numerical check of each module type, before the first epoch."""

    def on_symbolic(self, report, seconds: float) -> None:
        """After the three-way check (SymPy, bprop, finite differences) of each module type."""

    def on_start(self, config: Config, network: Network, first_epoch: int, n_batches: int) -> None:
        """Before the first epoch to run (> 1 when resuming)."""

    def on_batch(self, epoch: int, batch: int, n_batches: int) -> None:
        """After each batch's update; batch counts from 1."""

    def on_epoch(self, metrics: EpochMetrics) -> None:
        """After each epoch's validation pass (and its checkpoint, if any)."""
