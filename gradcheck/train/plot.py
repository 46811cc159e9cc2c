"""Learning curves to PNG with matplotlib, an optional extra."""

from __future__ import annotations

import os

from gradcheck.atomic import atomic_write
from gradcheck.errors import GradcheckError
from gradcheck.train.metrics import Metrics


def require_matplotlib() -> None:
    """Fail before training, not after it, when the plot cannot be drawn."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise GradcheckError("--plot needs matplotlib: pip install gradcheck[plot]") from None


def plot_curves(metrics: Metrics, path: str | os.PathLike) -> None:
    """Training cost and validation errors per epoch, side by side."""
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI backend

    epochs = [e.epoch for e in metrics.epochs]
    fig = Figure(figsize=(9, 3.6), layout="constrained")
    cost, errors = fig.subplots(1, 2)
    cost.plot(epochs, [e.cost for e in metrics.epochs], marker=".")
    cost.set(xlabel="epoch", ylabel="training cost (mean over the epoch)", yscale="log")
    errors.plot(epochs, [e.val_errors for e in metrics.epochs], marker=".", color="C1")
    errors.set(xlabel="epoch", ylabel="validation errors")
    for ax in (cost, errors):
        ax.grid(alpha=0.3)
    c = metrics.config
    fig.suptitle(f"{c.preset}: lr {c.lr}, batch {c.batch_size}, {c.dtype}, seed {c.seed}")
    atomic_write(path, lambda f: fig.savefig(f, format="png", dpi=100))
