"""A finished training run (TrainSummary) as a rich table."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text


def render_summary(s) -> Table:
    """The final figures, the best epoch, the time, notes and the files written."""
    c, e = s.metrics.config, s.metrics.epochs
    table = Table(title=f"gradcheck train {c.preset}", show_header=False, title_justify="left")
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    last = e[-1]
    table.add_row("epochs", f"{len(e)}")
    table.add_row("final cost", f"{last.cost:.5f}")
    table.add_row("train errors", f"{last.train_errors} of {s.n_train} (during the last epoch)")
    table.add_row(
        "validation errors",
        f"{last.val_errors} of {s.n_val} ({100 * last.val_errors / s.n_val:.2f} %)",
    )
    table.add_row("best validation", f"{s.best.val_errors} at epoch {s.best.epoch}")
    table.add_row("time", f"{s.seconds:.1f} s ({s.seconds / len(e):.3f} s per epoch)")
    for note in s.metrics.notes:
        table.add_row("note", Text(note, style="yellow"))
    for what, path in s.files:
        table.add_row(what, path)
    return table
