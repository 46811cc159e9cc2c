"""Run code cells in a real Jupyter kernel (nbclient + ipykernel) and return their outputs."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_cells(*sources: str, timeout: int = 600, path: Path = ROOT) -> list[list[dict]]:
    """Each source as a code cell, executed in order in a fresh python3 kernel: the outputs."""
    nbformat = pytest.importorskip("nbformat", reason="pip install gradcheck[test]")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    execute(nb, timeout, path)
    return [cell.outputs for cell in nb.cells]


def execute(nb, timeout: int = 600, path: Path = ROOT):
    """Execute the notebook nb in place, in folder path; errors stay in the cells' outputs."""
    nbclient = pytest.importorskip("nbclient", reason="pip install gradcheck[test]")
    client = nbclient.NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": path}},
    )
    client.execute()
    return nb


def shown(outputs: list[dict]) -> list[dict]:
    """What the user sees: every display_data and execute_result, in order."""
    return [o for o in outputs if o["output_type"] in ("display_data", "execute_result")]
