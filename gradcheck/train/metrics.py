"""What a run measured, per epoch and at the end, as plain data (written by report.write)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from gradcheck.train.config import Config


@dataclass(frozen=True)
class EpochMetrics:
    """One epoch: the mean training cost and the training errors are counted on the batches
    as they went by (before each batch's update); the validation errors after the epoch."""

    epoch: int
    cost: float
    train_errors: int
    val_errors: int
    seconds: float


@dataclass(frozen=True)
class Metrics:
    """A whole run: its config, every epoch, and notes on what happened."""

    config: Config
    epochs: tuple[EpochMetrics, ...]
    notes: tuple[str, ...] = ()

    @property
    def final(self) -> dict:
        last = self.epochs[-1] if self.epochs else None
        return {k: getattr(last, k, None) for k in ("val_errors", "train_errors", "cost")}

    def to_dict(self) -> dict:
        return {
            "config": self.config.to_dict(),
            "epochs": [asdict(e) for e in self.epochs],
            "final": self.final,
            "notes": list(self.notes),
        }
