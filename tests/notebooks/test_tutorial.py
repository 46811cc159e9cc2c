"""docs/tutorial.ipynb runs in a real kernel on the real MNIST, and is committed with outputs."""

import os
from pathlib import Path

import pytest

from tests.conftest import MNIST_DIR
from tests.notebooks.kernel import ROOT, execute

NOTEBOOK = ROOT / "docs" / "tutorial.ipynb"


def text_of(cell) -> str:
    """Everything a code cell shows, as text."""
    parts = []
    for o in cell.outputs:
        parts.append(o.get("text", "") + o.get("evalue", ""))
        parts += [o.get("data", {}).get(k, "") for k in ("text/plain", "text/markdown")]
    return "\n".join(parts)


def mnist_root() -> Path:
    """$GRADCHECK_DATA, else shared/data beside the repository; the real MNIST must be there."""
    root = Path(os.environ.get("GRADCHECK_DATA") or MNIST_DIR.parent)
    if not any((d / "train-images-idx3-ubyte.gz").exists() for d in (root, root / "mnist")):
        pytest.fail(
            f"the tutorial trains on the real MNIST, expected in {root} "
            "($GRADCHECK_DATA or ../shared/data; see shared/data/README.md)"
        )
    return root


def test_the_committed_notebook_has_its_outputs_and_the_generators_cells():
    nbformat = pytest.importorskip("nbformat", reason="pip install gradcheck[test]")
    from docs.make_tutorial import build

    committed = nbformat.read(NOTEBOOK, as_version=4)
    assert [c.source for c in committed.cells] == [c.source for c in build().cells]
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert code and all(c.outputs for c in code)


@pytest.mark.slow
def test_the_tutorial_runs_on_the_real_mnist(monkeypatch):
    nbformat = pytest.importorskip("nbformat", reason="pip install gradcheck[test]")
    monkeypatch.setenv("GRADCHECK_DATA", str(mnist_root()))
    nb = execute(nbformat.read(NOTEBOOK, as_version=4), timeout=900)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    shown = [text_of(c) for c in code]
    derive, words, good, buggy, message, regression, zeros, naive, stable = shown
    assert "## 1a. The softmax Jacobian" in derive and "$$" in derive
    assert "-103.97 in float32" in words and "-745.13 in float64" in words
    assert "MySoftMax ✓ PASS" in good and "BuggySoftMax ✗ FAIL" in buggy
    assert message.startswith("BuggySoftMax: FAIL (bprop is wrong")
    assert "epoch 3:" in regression and "hidden units stayed identical" in zeros
    assert "training diverged in epoch 1" in naive and "the cost is inf" in naive
    assert "epoch 1: cost" in stable and "inf" not in stable and "nan" not in stable
