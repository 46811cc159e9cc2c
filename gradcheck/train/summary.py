"""What `train` reports at the end of a run, as plain data: figures, best epoch, files written."""

from __future__ import annotations

from dataclasses import dataclass

from gradcheck.train.metrics import Metrics


@dataclass(frozen=True)
class TrainSummary:
    """A finished run: its metrics, the sizes of its training and validation sets, its files."""

    metrics: Metrics
    n_train: int
    n_val: int
    files: tuple[tuple[str, str], ...] = ()  # (what, path): metrics, checkpoint, plot

    @property
    def best(self):
        """The epoch with the fewest validation errors (the first of equals)."""
        return min(self.metrics.epochs, key=lambda m: m.val_errors)

    @property
    def seconds(self) -> float:
        return sum(m.seconds for m in self.metrics.epochs)

    def to_dict(self) -> dict:
        return {
            **self.metrics.to_dict(),
            "n_train": self.n_train,
            "n_val": self.n_val,
            "best": {"epoch": self.best.epoch, "val_errors": self.best.val_errors},
            "seconds": self.seconds,
            "files": dict(self.files),
        }
