"""--plot: learning curves to PNG with matplotlib, or a one-line error without it."""

import sys

import pytest

from gradcheck.errors import GradcheckError
from gradcheck.train import make_config, train
from gradcheck.train.plot import plot_curves, require_matplotlib


def test_without_matplotlib_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now raises
    with pytest.raises(
        GradcheckError, match=r"^--plot needs matplotlib: pip install gradcheck\[plot\]$"
    ):
        require_matplotlib()


def test_the_curves_are_written_as_a_png(tiny, tmp_path):
    pytest.importorskip("matplotlib")
    metrics = train(make_config("softmax-regression", epochs=3, batch_size=30), tiny)
    path = tmp_path / "curves.png"
    plot_curves(metrics, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["curves.png"]
