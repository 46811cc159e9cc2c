"""Every numeric option is bounded, refused in one line with exit 2 before any work;
a correct module passes at the bounds of --step."""

import json

import numpy as np
import pytest

import gradcheck.threeway
from gradcheck.cli import main
from gradcheck.commands.limits import BYTES_PER_ENTRY, DEFAULT_MB, entries, step_range


@pytest.fixture
def no_work(monkeypatch):
    """verify_many must not be reached: a refusal comes before any work."""

    def refuse(*args, **kwargs):
        pytest.fail("verify started although an option was out of range")

    monkeypatch.setattr(gradcheck.threeway, "verify_many", refuse)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--seed", "-1"], "argument --seed: expected an integer from 0 to 4294967295, got '-1'"),
        (["--seed", "1.5"], "argument --seed: expected an integer from 0 to 4294967295, got '1.5'"),
        (["--step", "0"], "argument --step: expected a finite number > 0 and <= 0.1, got '0'"),
        (["--step", "-1"], "argument --step: expected a finite number > 0 and <= 0.1, got '-1'"),
        (["--step", "10"], "argument --step: expected a finite number > 0 and <= 0.1, got '10'"),
        (["--step", "nan"], "argument --step: expected a finite number > 0 and <= 0.1, got 'nan'"),
        (["--step", "inf"], "argument --step: expected a finite number > 0 and <= 0.1, got 'inf'"),
        (["--step", "1e-3"], "--step in float64 must be from 6.06e-08 to 2.42e-05"),
        (["--step", "1e-5", "--dtype", "float32"], "--step in float32 must be from 4.92e-05 to "),
        (["--batch", "0"], "argument --batch: expected an integer from 1 to 1024, got '0'"),
        (["--batch", "10000000"], "argument --batch: expected an integer from 1 to 1024, got "),
        (
            ["--size", "100000"],
            "argument --size: expected an integer from 1 to 65536, got '100000'",
        ),
        (["--size", "0"], "argument --size: expected an integer from 1 to 65536, got '0'"),
        (["--size", "2000", "--batch", "100"], "Linear at --size 2000 --batch 100 needs "),
        (["--size", "20000"], "Linear at --size 20000 --batch 3 needs 2,400,180,003 Jacobian "),
        (["--size", "784", "--memory-budget", "100"], "more than the memory budget of 100 MB"),
        (["--time-limit", "0"], "argument --time-limit: expected a finite number > 0 and <= 3600"),
        (["--time-limit", "inf"], "argument --time-limit: expected a finite number > 0 and <= "),
    ],
)
def test_verify_refuses_out_of_range_options_before_any_work(capsys, no_work, argv, message):
    code = main(["verify", "--all", *argv])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith("gradcheck verify: error: ") and message in err, err
    assert err.count("\n") == 1


def test_demo_bugs_is_bounded_too(capsys):
    assert main(["verify", "--demo-bugs", "--size", "20000"]) == 2
    assert "Linear at --size 20000 --batch 3 needs" in capsys.readouterr().err


def test_the_entry_count_is_the_jacobians_sizes():
    """Linear 3 → 4, held row-sparse: per output, x's 3 entries, the 3 of W that touch it and
    one of b; 4 outputs per sample, 2 samples."""
    assert entries("Linear", 3, 2) == 2 * 4 * (3 + 3 + 1)
    assert entries("Linear", 3, 2, (3, 5)) == 2 * 5 * (3 + 3 + 1)
    assert entries("SoftMax", 5, 7) == 7 * 5 * 5
    assert entries("CrossEntropy", 5, 7) == 7 * 1 * 5
    budget = DEFAULT_MB * 1e6 / BYTES_PER_ENTRY  # the Linear --size 784 fits; Tanh 2000
    assert entries("Linear", 784, 3) <= budget < entries("Tanh", 2000, 3)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_correct_modules_pass_at_both_ends_of_the_step_range(capsys, dtype):
    """The range is where rounding (low end) and truncation (high end) stay in tolerance."""
    low, high = step_range(dtype)
    np.testing.assert_allclose((low, high), np.cbrt(np.finfo(dtype).eps) * np.array([0.01, 4]))
    for step in (low, high):
        code = main(["verify", "--all", "--json", "--dtype", dtype, "--step", repr(step)])
        data = json.loads(capsys.readouterr().out)["result"]
        failed = [r["module"] for r in data["results"] if not r["passed"]]
        assert (code, failed) == (0, []), (step, failed)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--epochs", "0"], "argument --epochs: expected an integer from 1 to 10000, got '0'"),
        (["--epochs", "100000"], "argument --epochs: expected an integer from 1 to 10000, got "),
        (["--lr", "0"], "argument --lr: expected a finite number > 0 and <= 1e+06, got '0'"),
        (["--lr", "nan"], "argument --lr: expected a finite number > 0 and <= 1e+06, got 'nan'"),
        (["--lr", "1e9"], "argument --lr: expected a finite number > 0 and <= 1e+06, got '1e9'"),
        (["--batch-size", "0"], "argument --batch-size: expected an integer from 1 to 65536, got"),
        (["--batch-size", "10000000"], "argument --batch-size: expected an integer from 1 to "),
        (["--hidden", "-1"], "argument --hidden: expected an integer from 0 to 4096, got '-1'"),
        (["--hidden", "100000"], "argument --hidden: expected an integer from 0 to 4096, got "),
        (["--seed", "-1"], "argument --seed: expected an integer from 0 to 4294967295, got '-1'"),
    ],
)
def test_train_refuses_out_of_range_options_before_any_work(capsys, tmp_path, argv, message):
    code = main(["train", *argv, "--data-dir", str(tmp_path / "none")])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith("gradcheck train: error: ") and message in err, err
    assert err.count("\n") == 1
