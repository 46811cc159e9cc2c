"""`gradcheck train` through main([...]) on tiny MNIST-format files, plus one subprocess."""

import json
import subprocess
import sys

import numpy as np
import pytest

from gradcheck.cli import main
from gradcheck.commands import train as train_command
from gradcheck.train import load_checkpoint

FAST = ["--epochs", "2", "--batch-size", "20"]  # 60 training images: 3 batches per epoch


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # rich wraps at the terminal's width


def cli(capsys, idx_dir, *args):
    code = main(["train", *args, "--data-dir", str(idx_dir)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_small_run_prints_epochs_and_a_summary_and_writes_its_files(capsys, idx_dir, tmp_path):
    m, c = tmp_path / "m.json", tmp_path / "c.npz"
    code, out, err = cli(
        capsys,
        idx_dir,
        "tanh-mlp",
        *FAST,
        "--hidden",
        "8",
        "--metrics",
        str(m),
        "--checkpoint",
        str(c),
    )
    assert (code, err) == (0, "")
    assert "Linear(784, 8) → Tanh → Linear(8, 10) → SoftMax → CrossEntropy" in out
    assert "Linear ok, Tanh ok, SoftMax ok, CrossEntropy ok" in out
    assert "   1/2 " in out and "   2/2 " in out
    assert "validation errors" in out and "of 20 (" in out
    d = json.loads(m.read_text())
    assert d["config"]["hidden"] == 8 and len(d["epochs"]) == 2
    assert load_checkpoint(c).epoch == 2


def without_seconds(metrics: dict) -> dict:
    """The metrics JSON with its one timing field, each epoch's seconds, taken out."""
    epochs = [{k: v for k, v in e.items() if k != "seconds"} for e in metrics["epochs"]]
    assert all(
        set(e) | {"seconds"} == set(f) for e, f in zip(epochs, metrics["epochs"], strict=True)
    )
    return {**metrics, "epochs": epochs}


def test_same_command_twice_gives_identical_files_but_for_the_seconds(capsys, idx_dir, tmp_path):
    runs = []
    for name in ("a", "b"):
        m, c = tmp_path / f"{name}.json", tmp_path / f"{name}.npz"
        assert (
            cli(capsys, idx_dir, *FAST, "--seed", "7", "--metrics", str(m), "--checkpoint", str(c))[
                0
            ]
            == 0
        )
        runs.append((json.loads(m.read_text()), load_checkpoint(c)))
    (ma, ca), (mb, cb) = runs
    assert without_seconds(ma) == without_seconds(mb)  # config, every figure, final, notes
    assert all(p.tobytes() == q.tobytes() for p, q in zip(ca.params, cb.params, strict=True))
    assert ca.rng_state == cb.rng_state and ca.data == cb.data


def test_zero_init_is_explained_in_the_summary(capsys, idx_dir):
    code, out, _ = cli(capsys, idx_dir, "tanh-mlp", *FAST, "--hidden", "4", "--init", "zeros")
    assert code == 0
    assert "hidden units stayed identical" in " ".join(out.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["mlp"], "unknown preset 'mlp'"),
        (["--lr", "0"], "argument --lr: expected a finite number > 0 and <= 1e+06, got '0'"),
        (["--lr", "-1"], "argument --lr: expected a finite number > 0 and <= 1e+06, got '-1'"),
        (["--batch-size", "0"], "argument --batch-size: expected an integer from 1 to 65536, got"),
        (["--batch-size", "61"], "batch size 61 is larger than the training set (60 inputs)"),
        (["--dtype", "int8"], "dtype must be one of float32, float64, got 'int8'"),
        (["--resume", "/nonexistent/ck.npz"], "/nonexistent/ck.npz: no such checkpoint file"),
    ],
)
def test_bad_input_is_a_one_line_error_with_exit_2(capsys, idx_dir, args, message):
    code, _, err = cli(capsys, idx_dir, *args)
    assert code == 2
    assert err.startswith(f"gradcheck train: error: {message}") and err.count("\n") == 1


def test_resume_with_a_corrupt_or_foreign_checkpoint_is_refused(capsys, idx_dir, tmp_path):
    c = tmp_path / "c.npz"
    assert cli(capsys, idx_dir, *FAST, "--checkpoint", str(c))[0] == 0
    code, _, err = cli(capsys, idx_dir, *FAST, "--lr", "0.5", "--resume", str(c))
    assert code == 2 and "written by another config (lr 0.1 vs 0.5" in err
    c.write_bytes(b"garbage")
    code, _, err = cli(capsys, idx_dir, *FAST, "--resume", str(c))
    assert code == 2 and "not a readable gradcheck checkpoint" in err and err.count("\n") == 1


def test_resume_continues_to_the_same_numbers(capsys, idx_dir, tmp_path):
    c, full, resumed = tmp_path / "c.npz", tmp_path / "full.json", tmp_path / "resumed.json"
    assert (
        cli(capsys, idx_dir, "--epochs", "4", "--batch-size", "20", "--metrics", str(full))[0] == 0
    )
    assert cli(capsys, idx_dir, *FAST, "--checkpoint", str(c))[0] == 0
    code, out, _ = cli(
        capsys,
        idx_dir,
        "--epochs",
        "4",
        "--batch-size",
        "20",
        "--resume",
        str(c),
        "--metrics",
        str(resumed),
    )
    assert code == 0 and "resuming at epoch 3" in out
    a, b = (json.loads(p.read_text())["epochs"] for p in (full, resumed))
    assert [{**e, "seconds": 0} for e in a] == [{**e, "seconds": 0} for e in b]


def test_divergence_is_one_line_with_exit_2_and_a_traceback_only_with_debug(capsys, idx_dir):
    args = [
        "--naive",
        "--dtype",
        "float32",
        "--lr",
        "1e4",
        "--batch-size",
        "1",
        "--epochs",
        "1",
        "--preprocess",
        "scale",
    ]
    code, _, err = cli(capsys, idx_dir, *args)
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("gradcheck train: error: training diverged in epoch 1, batch ")
    assert "try --stable or a lower --lr" in err
    assert main(["--debug", "train", *args, "--data-dir", str(idx_dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Traceback") and "Diverged: training diverged" in err


def test_a_broken_module_prints_the_report_then_one_line_and_exits_1(capsys, idx_dir, monkeypatch):
    from gradcheck.modules import SoftMax

    monkeypatch.setattr(SoftMax, "bprop", lambda self, grad_y: grad_y * self.y)
    code, out, err = cli(capsys, idx_dir, *FAST)
    assert code == 1
    report, error = err.rstrip("\n").rsplit("\n", 1)
    assert report.startswith("SoftMax: FAIL\nworst entries of x")
    assert error.startswith(
        "gradcheck train: error: bprop check failed before training for SoftMax"
    )
    assert "1/2" not in out


def test_ctrl_c_saves_a_checkpoint_and_exits_cleanly(capsys, idx_dir, tmp_path, monkeypatch):
    def interrupt(self, epoch, batch, n_batches):
        if epoch == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(train_command.RichObserver, "on_batch", interrupt)
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli(capsys, idx_dir, *FAST, "--metrics", "m.json")
    path = tmp_path / "runs" / "softmax-regression-interrupted.npz"
    assert code == 130
    text = " ".join(out.split())
    assert f"interrupted: saved the state after epoch 1 to {path.relative_to(tmp_path)}" in text
    assert load_checkpoint(path).epoch == 1
    assert [e["epoch"] for e in json.loads((tmp_path / "m.json").read_text())["epochs"]] == [1]
    code, out, err = cli(capsys, idx_dir, *FAST, "--json")
    error = json.loads(out)["error"]
    assert code == 130 == error["exit_code"] and error["kind"] == "interrupted"
    assert error["message"] in " ".join(err.split())


def test_plot_without_matplotlib_fails_before_training(capsys, idx_dir, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    code, out, err = cli(capsys, idx_dir, *FAST, "--plot", str(tmp_path / "p.png"))
    assert code == 2 and out == ""
    assert err == "gradcheck train: error: --plot needs matplotlib: pip install gradcheck[plot]\n"


def test_plot_is_written(capsys, idx_dir, tmp_path):
    pytest.importorskip("matplotlib")
    code, _, _ = cli(capsys, idx_dir, *FAST, "--plot", str(tmp_path / "p.png"))
    assert code == 0 and (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG"


def test_train_help_in_a_subprocess():
    out = subprocess.run(
        [sys.executable, "-m", "gradcheck", "train", "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert out.startswith("usage: gradcheck train")
    for option in ("--stable", "--naive", "--resume", "--plot", "--preprocess", "log-softmax-sgd"):
        assert option in out


def test_the_loaded_data_is_the_standardized_idx_files(idx_dir):
    from gradcheck.train import load_data, make_config

    data = load_data(make_config(dtype="float64"), idx_dir, download=False)
    assert data.x_train.shape == (60, 784) and data.x_train.dtype == np.float64
    np.testing.assert_allclose(data.x_train.mean(axis=0), 0, atol=1e-12)


def test_json_is_the_summary_alone_and_the_progress_goes_to_stderr(capsys, idx_dir, tmp_path):
    m = tmp_path / "m.json"
    code, out, err = cli(capsys, idx_dir, *FAST, "--json", "--metrics", str(m))
    data = json.loads(out)
    assert code == 0 and (data["schema"], data["command"], data["ok"]) == (1, "train", True)
    r = data["result"]
    assert (r["n_train"], r["n_val"]) == (60, 20)  # the idx_dir fixture's 60 and 20 images
    assert [e["epoch"] for e in r["epochs"]] == [1, 2]
    assert r["best"]["val_errors"] == min(e["val_errors"] for e in r["epochs"])
    assert r["seconds"] == pytest.approx(sum(e["seconds"] for e in r["epochs"]))
    assert r["files"] == {"metrics": str(m)} and r["config"] == json.loads(m.read_text())["config"]
    assert "   1/2 " in err and "   2/2 " in err  # the epochs' lines, beside stdout


def test_output_is_checked_before_training_and_gets_the_summary(capsys, idx_dir, tmp_path):
    m = tmp_path / "m.json"
    code, out, err = cli(capsys, idx_dir, *FAST, "--metrics", str(m), "--output", str(m))
    assert (code, out) == (2, "") and "--metrics and --output are the same file" in err
    assert not m.exists()  # refused before any work
    summary = tmp_path / "summary.txt"
    code, out, err = cli(capsys, idx_dir, *FAST, "--output", str(summary))
    assert (code, out) == (0, "") and "   2/2 " in err
    text = summary.read_text()
    assert "validation errors" in text and "of 20 (" in text and "\x1b[" not in text
