"""In a real Jupyter kernel: verify displays once, derive shows formulas, assert_gradients'
AssertionError carries the report."""

import pytest

from tests.notebooks.kernel import run_cells, shown


@pytest.fixture(scope="module")
def cells():
    return run_cells(
        "import gradcheck\nreport = gradcheck.verify('Tanh')\nreport",
        "from gradcheck.testing import assert_gradients\n"
        "from gradcheck.modules.tanh import TanhOfX\n"
        "assert_gradients(TanhOfX())",
        "gradcheck.derive('SoftMax')",
        "%load_ext rich\nreport",  # rich's extension (its tracebacks too) from here on
        # the planted bug: a rich Console in Jupyter displays what it prints, beside the result
        "import io\nfrom rich.console import Console\n"
        "Console(file=io.StringIO(), record=True).print(report)\nreport",
    )


def test_verify_displays_once_with_html(cells):
    for outputs in (cells[0], cells[3]):  # plain, and with rich's IPython extension loaded
        seen = shown(outputs)
        assert len(seen) == 1, [o["output_type"] for o in outputs]
        data = seen[0]["data"]
        assert "Tanh" in data["text/html"] and "PASS" in data["text/html"]
        assert "PASS" in data["text/plain"]


def test_the_check_sees_a_double_display(cells):
    assert len(shown(cells[4])) == 2


def test_derive_displays_its_formulas(cells):
    (out,) = shown(cells[2])
    md = out["data"]["text/markdown"]
    assert "## 1a. The softmax Jacobian" in md and "$$" in md and "\\frac" in md
    assert len(out["data"]["text/plain"]) < 200


def test_assert_gradients_failure_carries_the_report(cells):
    outputs = cells[1]
    assert shown(outputs) == []  # no table printed beside the error
    (error,) = [o for o in outputs if o["output_type"] == "error"]
    assert error["ename"] == "AssertionError"
    assert error["evalue"].startswith("TanhOfX: FAIL (bprop is wrong")
    assert "worst entries of x" in error["evalue"] and "symbolic" in error["evalue"]


def test_a_report_displays_once_whichever_module_verify_came_from():
    """In a fresh kernel, verify taken from gradcheck.threeway, never through gradcheck.verify:
    the display is installed by importing gradcheck under IPython."""
    (outputs,) = run_cells("from gradcheck.threeway import verify\nverify('Tanh')")
    (seen,) = shown(outputs)
    assert "Tanh" in seen["data"]["text/html"] and "PASS" in seen["data"]["text/plain"]
    assert "VerifyReport(" not in seen["data"]["text/plain"]
