"""A download reports to the DownloadProgress it is given (none: quiet, and no rich); the CLI's
rich bar (report/download.py) shows each file's name while it comes."""

import hashlib
import io
import subprocess
import sys
import urllib.request

import pytest
from rich.console import Console

from gradcheck.data.download import CHUNK, DownloadError, DownloadProgress, fetch
from gradcheck.report.download import RichDownload
from tests.data.data_writers import write
from tests.data.test_download import Stalling

PAYLOAD = bytes(range(256)) * 1000  # 256,000 bytes: several chunks


class Recorder(DownloadProgress):
    """Every call, in order."""

    def __init__(self):
        self.calls = []

    def on_start(self, label, total):
        self.calls.append(("start", label, total))

    def on_bytes(self, n):
        self.calls.append(("bytes", n))

    def on_end(self):
        self.calls.append(("end",))


@pytest.fixture
def local(monkeypatch):
    """urlopen serves file:// URLs only (conftest blocks the network)."""

    def urlopen(url, timeout=None):
        assert url.startswith("file://")
        return urllib.request.build_opener().open(url, timeout=timeout)

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)


def served(tmp_path):
    source = write(tmp_path / "served.gz", PAYLOAD)
    return source, hashlib.md5(PAYLOAD, usedforsecurity=False).hexdigest()


def test_progress_sees_the_name_the_size_every_byte_and_the_end(tmp_path, local):
    source, md5 = served(tmp_path)
    rec = Recorder()
    fetch([source.as_uri()], tmp_path / "f.gz", md5, progress=rec)
    first, *chunks, last = rec.calls
    assert first == ("start", "f.gz", len(PAYLOAD))  # file:// says Content-Length
    assert sum(n for _, n in chunks) == len(PAYLOAD) and len(chunks) == -(-len(PAYLOAD) // CHUNK)
    assert last == ("end",)


def test_progress_ends_when_the_download_fails(tmp_path, monkeypatch):
    monkeypatch.setattr(urllib.request, "urlopen", lambda url, timeout=None: Stalling())
    rec = Recorder()
    with pytest.raises(DownloadError):
        fetch(["https://one.example/f.gz"], tmp_path / "f.gz", "0" * 32, progress=rec)
    assert rec.calls == [("start", "f.gz", None), ("end",)]  # the bar is taken down


def test_a_python_caller_downloads_quietly_without_rich(tmp_path):
    """The default: no progress, nothing printed, rich never imported."""
    source, md5 = served(tmp_path)
    code = (
        "import sys; from pathlib import Path; from gradcheck.data.download import fetch; "
        f"fetch([{source.as_uri()!r}], Path({str(tmp_path / 'f.gz')!r}), {md5!r}); "
        "print(sorted(m for m in sys.modules if m.startswith('rich')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert (out.stdout, out.stderr) == ("[]\n", "")
    assert (tmp_path / "f.gz").read_bytes() == PAYLOAD


def test_the_rich_bar_shows_the_file_and_is_taken_down(tmp_path, local):
    source, md5 = served(tmp_path)
    console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=True)
    bar = RichDownload(console)
    fetch([source.as_uri()], tmp_path / "f.gz", md5, progress=bar)
    shown = console.file.getvalue()
    assert "f.gz" in shown and "256.0 kB" in shown
    assert bar.bar is None  # stopped: no thread left refreshing
