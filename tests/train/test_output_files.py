"""A training run's files: checked before epoch 1, one writer each, a full disk or a SIGKILL
loses nothing, and identical runs give identical files but for the timing fields."""

import errno
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from gradcheck.atomic import atomic_write, remove_stale_temps
from gradcheck.cli import main
from gradcheck.errors import GradcheckError
from gradcheck.filelock import lock_name, locked
from gradcheck.train import load_checkpoint

FAST = ["--epochs", "2", "--batch-size", "20"]


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


def cli(capsys, idx_dir, *args):
    code = main(["train", *args, "--data-dir", str(idx_dir)])
    out, err = capsys.readouterr()
    return code, out, err


def dead_pid() -> int:
    """The PID of a process that has ended."""
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def one_line(code, out, err, message):
    assert (code, out) == (2, ""), err
    assert err.startswith("gradcheck train: error: ") and message in err, err
    assert err.count("\n") == 1


def test_a_full_disk_is_one_error_and_the_previous_file_stays(tmp_path):
    path = tmp_path / "c.npz"
    path.write_bytes(b"epoch 1")

    def full(f):
        f.write(b"half of epoch 2")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(GradcheckError) as e:
        atomic_write(path, full)
    assert str(e.value) == (
        f"{path}: cannot write it: No space left on device (the previous file, if any, is intact)"
    )
    assert path.read_bytes() == b"epoch 1" and os.listdir(tmp_path) == ["c.npz"]


def test_a_writers_own_oserror_passes_through_and_leaves_no_temp(tmp_path):
    """A download that times out is the download's error, not the disk's."""

    def times_out(f):
        f.write(b"partial")
        raise TimeoutError("timed out")

    with pytest.raises(TimeoutError, match="timed out"):
        atomic_write(tmp_path / "f.gz", times_out)
    assert os.listdir(tmp_path) == []


def test_a_full_disk_during_training_keeps_the_last_checkpoint(
    capsys, idx_dir, tmp_path, monkeypatch
):
    c = tmp_path / "c.npz"
    savez, calls = np.savez, []

    def full_on_second_epoch(f, **arrays):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        savez(f, **arrays)

    monkeypatch.setattr(np, "savez", full_on_second_epoch)
    code, _, err = cli(capsys, idx_dir, *FAST, "--checkpoint", str(c))
    assert code == 2 and err.count("\n") == 1
    assert err == (
        f"gradcheck train: error: {c}: cannot write it: No space left on device "
        "(the previous file, if any, is intact)\n"
    )
    assert load_checkpoint(c).epoch == 1
    assert sorted(os.listdir(tmp_path)) == ["c.npz", "mnist"]  # no temp file, no lock


def test_a_temp_file_left_by_sigkill_is_removed_by_the_next_write(tmp_path):
    path = tmp_path / "m.json"
    code = (
        "import os, signal; from gradcheck.atomic import atomic_write; "
        f"atomic_write({str(path)!r}, lambda f: (f.write(b'{{half'), f.flush(), "
        "os.kill(os.getpid(), signal.SIGKILL)))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == -9
    [left] = os.listdir(tmp_path)
    assert left.startswith(".m.json.") and left.endswith(".tmp")
    alive = tmp_path / f".m.json.{os.getppid()}.0123abcd.tmp"  # a live writer's: kept
    alive.write_bytes(b"")
    atomic_write(path, lambda f: f.write(b"{}"))
    assert sorted(os.listdir(tmp_path)) == [alive.name, "m.json"]


def test_stale_temps_are_matched_by_name_and_pid_only(tmp_path):
    path = tmp_path / "c.npz"
    dead = tmp_path / f".c.npz.{dead_pid()}.00ff.tmp"
    other = tmp_path / f".d.npz.{dead_pid()}.00ff.tmp"  # another file's
    mine = tmp_path / f".c.npz.{os.getpid()}.00ff.tmp"
    for p in (dead, other, mine):
        p.write_bytes(b"")
    assert remove_stale_temps(path) == [dead]
    assert sorted(os.listdir(tmp_path)) == sorted([other.name, mine.name])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--checkpoint", "X", "--metrics", "X"],
            "--metrics and --checkpoint are the same file X: expected distinct paths",
        ),
        (["--metrics", "X", "--plot", "./sub/../X"], "--metrics and --plot are the same file"),
        (
            ["--metrics", "ck.npz", "--resume", "ck.npz"],
            "--metrics ck.npz is the checkpoint given to --resume: it would be overwritten",
        ),
        (["--metrics", "afile/m.json"], "afile/m.json: cannot create its folder"),
        (["--checkpoint", "."], ".: is a folder, expected a file path"),
    ],
)
def test_bad_output_paths_are_refused_before_any_work(
    capsys, idx_dir, tmp_path, monkeypatch, args, message
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("a file, not a folder")
    (tmp_path / "ck.npz").write_bytes(b"the run to continue")
    if "--plot" in args:
        pytest.importorskip("matplotlib")
    one_line(*cli(capsys, idx_dir, *FAST, *args), message)
    assert (tmp_path / "ck.npz").read_bytes() == b"the run to continue"
    assert not (tmp_path / "X").exists()


def test_a_symlink_to_the_same_file_is_the_same_file(capsys, idx_dir, tmp_path):
    (tmp_path / "link.json").symlink_to(tmp_path / "c.npz")
    one_line(
        *cli(
            capsys,
            idx_dir,
            *FAST,
            "--checkpoint",
            str(tmp_path / "c.npz"),
            "--metrics",
            str(tmp_path / "link.json"),
        ),
        "are the same file",
    )


def test_an_unwritable_folder_is_found_before_training(capsys, idx_dir, tmp_path, monkeypatch):
    real_open = os.open

    def refuse_in_ro(path, flags, mode=0o777, **kw):
        if os.path.dirname(os.fspath(path)) == str(tmp_path / "ro"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), path)
        return real_open(path, flags, mode, **kw)

    (tmp_path / "ro").mkdir()
    monkeypatch.setattr(os, "open", refuse_in_ro)
    one_line(
        *cli(capsys, idx_dir, *FAST, "--metrics", str(tmp_path / "ro" / "m.json")),
        f"cannot write in its folder {tmp_path / 'ro'}: Read-only file system",
    )


def test_the_checkpoint_being_continued_may_be_the_resume_input(capsys, idx_dir, tmp_path):
    c = tmp_path / "c.npz"
    assert cli(capsys, idx_dir, *FAST, "--checkpoint", str(c))[0] == 0
    code, out, _ = cli(
        capsys,
        idx_dir,
        "--epochs",
        "3",
        "--batch-size",
        "20",
        "--resume",
        str(c),
        "--checkpoint",
        str(c),
    )
    assert code == 0 and "resuming at epoch 3" in out and load_checkpoint(c).epoch == 3


def test_a_second_writer_is_refused_and_the_first_ones_files_are_intact(capsys, idx_dir, tmp_path):
    m = tmp_path / "m.json"
    m.write_text("the first run's")
    with locked([m]):  # the first run, alive, holds the lock
        one_line(
            *cli(capsys, idx_dir, *FAST, "--metrics", str(m)),
            f"{m}: another run (PID {os.getpid()}) is writing it (lock .m.json.lock)",
        )
        assert lock_name(m).exists()
    assert m.read_text() == "the first run's" and not lock_name(m).exists()


def test_a_dead_writers_lock_is_taken_over_and_released(capsys, idx_dir, tmp_path):
    m = tmp_path / "m.json"
    lock_name(m).write_text(f"{dead_pid()}\n")
    assert cli(capsys, idx_dir, *FAST, "--metrics", str(m))[0] == 0
    assert len(json.loads(m.read_text())["epochs"]) == 2
    assert sorted(os.listdir(tmp_path)) == ["m.json", "mnist"]


def test_two_real_processes_on_one_path(tmp_path):
    """One process holds the lock while another asks for it: refused, one line."""
    m = tmp_path / "m.json"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys, time; from gradcheck.filelock import locked\n"
                f"with locked([{str(m)!r}]):\n"
                " print('held', flush=True); time.sleep(60)"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "gradcheck",
                "train",
                "--metrics",
                str(m),
                "--data-dir",
                str(tmp_path / "none"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == (
        f"gradcheck train: error: {m}: another run (PID {holder.pid}) is "
        "writing it (lock .m.json.lock); wait for it to finish or choose "
        "another path\n"
    )


def test_a_crash_mid_training_exits_3_and_leaves_the_last_checkpoint_and_no_lock(
    capsys, idx_dir, tmp_path, monkeypatch
):
    from gradcheck.train import loop

    c = tmp_path / "c.npz"
    run_epoch = loop.run_epoch

    def crash_in_epoch_2(net, sgd, data, rng, config, epoch, obs):
        if epoch == 2:
            raise ZeroDivisionError("planted")
        return run_epoch(net, sgd, data, rng, config, epoch, obs)

    monkeypatch.setattr(loop, "run_epoch", crash_in_epoch_2)
    code, _, err = cli(capsys, idx_dir, *FAST, "--checkpoint", str(c))
    assert code == 3 and err.count("\n") == 1
    assert err.startswith("gradcheck: internal error: ZeroDivisionError: planted (at ")
    assert load_checkpoint(c).epoch == 1 and not lock_name(c).exists()
