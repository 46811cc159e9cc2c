"""`gradcheck train` downloading a missing dataset: the rich bar on the progress's console
(stderr under --json, so that stdout stays the one JSON object)."""

import hashlib
import json
import sys
import urllib.request

import pytest

from gradcheck.cli import main
from gradcheck.data.catalog import IDX_FILES, SPECS
from gradcheck.report import download as report_download

FAST = ["--epochs", "1", "--batch-size", "20"]


@pytest.fixture
def served(idx_dir, monkeypatch):
    """The first MNIST mirror serves idx_dir's files, under their own MD5; the URLs asked."""
    asked = []
    files = {SPECS["mnist"].mirrors[0] + name: idx_dir / name for name in IDX_FILES}
    for name in IDX_FILES:
        md5 = hashlib.md5((idx_dir / name).read_bytes(), usedforsecurity=False).hexdigest()
        monkeypatch.setitem(SPECS["mnist"].md5, name, md5)

    def urlopen(url, timeout=None):
        asked.append(url)
        if url not in files:
            raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)
        return urllib.request.build_opener().open(files[url].as_uri(), timeout=timeout)

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    return asked


@pytest.fixture
def bars(monkeypatch):
    """Every RichDownload the command makes, recording the files it showed."""
    made = []

    class Spy(report_download.RichDownload):
        def __init__(self, console):
            super().__init__(console)
            self.labels = []
            made.append(self)

        def on_start(self, label, total):
            self.labels.append(label)
            super().on_start(label, total)

    monkeypatch.setattr(report_download, "RichDownload", Spy)
    return made


@pytest.mark.parametrize("fmt", [["--json"], []])
def test_train_downloads_with_the_bar_on_the_progress_console(capsys, tmp_path, served, bars, fmt):
    code = main(["train", *FAST, *fmt, "--data-dir", str(tmp_path / "d")])
    out, _ = capsys.readouterr()
    assert code == 0 and len(served) == 4
    assert [b.labels for b in bars] == [list(IDX_FILES)]
    assert bars[0].bar is None  # taken down after the last file
    assert bars[0].console.file is (sys.stderr if fmt else sys.stdout)
    if fmt:
        assert json.loads(out)["ok"] is True  # stdout: the JSON object alone
    assert sorted(p.name for p in (tmp_path / "d" / "mnist").iterdir()) == sorted(IDX_FILES)
