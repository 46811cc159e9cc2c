"""A download's progress as a transient rich bar: the DownloadProgress the CLI supplies."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

from gradcheck.data.download import DownloadProgress


class RichDownload(DownloadProgress):
    """One bar per file: its name, the bar, bytes so far of the total, the speed."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.bar: Progress | None = None
        self.task = None

    def on_start(self, label: str, total: int | None) -> None:
        columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn())
        self.bar = Progress(*columns, TransferSpeedColumn(), console=self.console, transient=True)
        self.bar.start()
        self.task = self.bar.add_task(label, total=total)

    def on_bytes(self, n: int) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.advance(self.task, n)

    def on_end(self) -> None:
        if self.bar is not None:
            self.bar.stop()
        self.bar = self.task = None
