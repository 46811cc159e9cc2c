"""Checkpoints that cannot continue a run are refused with the reason: a foreign or malformed
random state, other data under the same dataset name, an older format."""

import json

import numpy as np
import pytest

from gradcheck.cli import main
from gradcheck.data import Dataset
from gradcheck.errors import GradcheckError
from gradcheck.train import load_checkpoint
from gradcheck.train.fingerprint import data_fingerprint
from tests.data.data_writers import write_mnist

FAST = ["--epochs", "2", "--batch-size", "20"]


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


def cli(capsys, data_dir, *args):
    code = main(["train", *args, "--data-dir", str(data_dir)])
    out, err = capsys.readouterr()
    return code, out, err


def rewrite(path, **changes):
    """The checkpoint with some of its metadata replaced, written as another program would."""
    with np.load(path) as z:
        meta, arrays = json.loads(str(z["meta"])), {k: z[k] for k in z.files if k != "meta"}
    np.savez(path, meta=np.array(json.dumps({**meta, **changes})), **arrays)


@pytest.fixture
def checkpoint(capsys, idx_dir, tmp_path):
    c = tmp_path / "c.npz"
    assert cli(capsys, idx_dir, *FAST, "--checkpoint", str(c))[0] == 0
    return c


MT = np.random.MT19937(0).state
MT_JSON = {
    **MT,
    "state": {k: (v.tolist() if hasattr(v, "tolist") else v) for k, v in MT["state"].items()},
}


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        (MT_JSON, "random state of bit generator 'MT19937', expected 'PCG64'"),
        ([1, 2, 3], "random state of bit generator a list, expected 'PCG64'"),
        ({"bit_generator": "PCG64"}, "malformed PCG64 random state: "),
        (
            {
                "bit_generator": "PCG64",
                "state": {"state": "x", "inc": 1},
                "has_uint32": 0,
                "uinteger": 0,
            },
            "malformed PCG64 random state: ",
        ),
    ],
)
def test_a_foreign_or_malformed_random_state_is_refused(capsys, idx_dir, checkpoint, state, reason):
    rewrite(checkpoint, rng_state=state)
    code, out, err = cli(
        capsys, idx_dir, "--epochs", "3", "--batch-size", "20", "--resume", str(checkpoint)
    )
    assert (code, out) == (2, "") and err.count("\n") == 1 and "Traceback" not in err
    assert "not a readable gradcheck checkpoint" in err and reason in err


def test_the_format_before_fingerprints_is_refused_with_the_reason(checkpoint):
    rewrite(checkpoint, format="gradcheck-train-checkpoint-1")
    with pytest.raises(GradcheckError, match="an older gradcheck's, without the data's"):
        load_checkpoint(checkpoint)


def test_other_data_under_the_same_name_is_refused(capsys, idx_dir, checkpoint, tmp_path):
    other = tmp_path / "other-mnist"
    write_mnist(other, seed=5, n=(60, 20))  # as many images, other pixels and labels
    code, out, err = cli(
        capsys, other, "--epochs", "3", "--batch-size", "20", "--resume", str(checkpoint)
    )
    assert code == 2 and err.count("\n") == 1
    assert "the checkpoint was trained on other data (fingerprint " in err
    assert "1/3" not in out and "2/3" not in out and "3/3" not in out
    code, out, _ = cli(
        capsys, idx_dir, "--epochs", "3", "--batch-size", "20", "--resume", str(checkpoint)
    )
    assert code == 0 and "resuming at epoch 3" in out


def dataset(x, y) -> Dataset:
    return Dataset(x[:8], y[:8], x[8:], y[8:], "blobs", 3, "")


def test_the_fingerprint_sees_one_label_one_sampled_input_and_the_dtype():
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((12, 5)), rng.integers(0, 3, 12)  # (N, D), (N,)
    base = data_fingerprint(dataset(x, y))
    assert data_fingerprint(dataset(x.copy(), y.copy())) == base
    y2 = y.copy()
    y2[3] = (y2[3] + 1) % 3
    x2 = x.copy()
    x2[0, 0] += 1e-12  # row 0 is always sampled
    x3 = x.copy()
    x3[9, 4] = -x3[9, 4]  # a validation input (all 4 rows are sampled)
    changed = [dataset(x, y2), dataset(x2, y), dataset(x3, y), dataset(x.astype(np.float32), y)]
    assert all(data_fingerprint(d) != base for d in changed)
    assert len(base) == 64 and int(base, 16) >= 0
