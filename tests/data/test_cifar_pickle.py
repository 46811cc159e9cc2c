"""The python version of CIFAR: pickles made as the official ones were, and malicious ones."""

import pickle
import warnings

import numpy as np
import pytest

from gradcheck.data import cifar, cifar_pickle, load_dataset
from gradcheck.errors import GradcheckError
from tests.data.data_writers import evil_pickle, py2_pickle, tar_gz, write


def _batch(rng, n: int, keys=("labels",)) -> dict:
    """An official-looking batch dict: data (n, 3072) uint8 and label lists."""
    batch = {"batch_label": "training batch 1 of 5"}
    batch |= {k: rng.integers(0, 10, n).tolist() for k in keys}
    batch |= {
        "data": rng.integers(0, 256, (n, 3072), dtype=np.uint8),
        "filenames": [f"img_{i}.png" for i in range(n)],
    }
    return batch


def test_the_fake_is_a_pickle_numpy_itself_reads(rng):
    batch = _batch(rng, 2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # numpy 2 reading numpy.core names
        real = pickle.loads(py2_pickle(batch), encoding="latin1")
    np.testing.assert_array_equal(real["data"], batch["data"])
    assert real["labels"] == batch["labels"]


@pytest.mark.parametrize(
    "dump",
    [py2_pickle, lambda b: pickle.dumps(b, protocol=2), lambda b: pickle.dumps(b, protocol=4)],
    ids=["python2-cPickle", "python3-protocol2", "python3-protocol4"],
)
def test_read_batch(tmp_path, rng, dump):
    batch = _batch(rng, 3, ("coarse_labels", "fine_labels"))
    path = write(tmp_path / "train", dump(batch))
    x, labels = cifar_pickle.read_batch(path, ("coarse_labels", "fine_labels"))
    np.testing.assert_array_equal(x, batch["data"])
    np.testing.assert_array_equal(
        labels, np.array([batch["coarse_labels"], batch["fine_labels"]]).T
    )


def test_cifar10_python_archive(tmp_path, rng):
    batches = {name: _batch(rng, 2) for name in [f"data_batch_{i}" for i in range(1, 6)]}
    test = _batch(rng, 3)
    files = {f"cifar-10-batches-py/{k}": py2_pickle(v) for k, v in batches.items()}
    files["cifar-10-batches-py/test_batch"] = py2_pickle(test)
    tar_gz(tmp_path / "cifar-10-python.tar.gz", files)
    data = load_dataset("cifar10", tmp_path, download=False, preprocess="scale")
    np.testing.assert_array_equal(
        data.x_train * 255, np.concatenate([b["data"] for b in batches.values()])
    )
    np.testing.assert_array_equal(data.y_val, test["labels"])


def test_cifar100_python_folder_coarse(tmp_path, rng):
    keys = ("coarse_labels", "fine_labels")
    train, test = _batch(rng, 4, keys), _batch(rng, 2, keys)
    write(tmp_path / "cifar-100-python" / "train", py2_pickle(train))
    write(tmp_path / "cifar-100-python" / "test", py2_pickle(test))
    x_train, t_train, _, t_val = cifar.read(tmp_path, "cifar100", coarse=True)
    np.testing.assert_array_equal(x_train, train["data"])
    np.testing.assert_array_equal(t_train, train["coarse_labels"])
    np.testing.assert_array_equal(t_val, test["coarse_labels"])


@pytest.mark.parametrize(
    ("module", "name", "code"),
    [
        ("os", "system", "touch {marker}"),
        ("posix", "system", "touch {marker}"),
        ("builtins", "eval", "open({marker!r}, 'w')"),
        ("builtins", "exec", "open({marker!r}, 'w')"),
        ("subprocess", "getoutput", "touch {marker}"),
    ],
)
def test_malicious_global_refused(tmp_path, module, name, code):
    marker = str(tmp_path / "pwned")
    path = write(tmp_path / "data_batch_1", evil_pickle(module, name, code.format(marker=marker)))
    with pytest.raises(GradcheckError, match=f"refused pickle global {module}.{name}"):
        cifar_pickle.read_batch(path, ("labels",))
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (np.array([[1, "a"]], dtype=object), "not a C-ordered uint8"),
        (np.zeros((2, 100), np.uint8), "not a C-ordered uint8"),
        (np.zeros((2, 3072), np.float32), "not a C-ordered uint8"),
        ([1, 2, 3], "not a pickled numpy array"),
    ],
)
def test_data_that_is_not_a_uint8_matrix(tmp_path, data, why):
    path = write(tmp_path / "batch", pickle.dumps({"data": data, "labels": [0, 1]}, protocol=2))
    with pytest.raises(GradcheckError, match=why):
        cifar_pickle.read_batch(path, ("labels",))


def test_protocol_5_array_refused(tmp_path):
    path = write(
        tmp_path / "batch", pickle.dumps({"data": np.zeros((1, 3072), np.uint8)}, protocol=5)
    )
    with pytest.raises(GradcheckError, match="refused pickle global numpy._core.numeric"):
        cifar_pickle.read_batch(path, ("labels",))


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (pickle.dumps([1, 2]), "expected a pickled dict, found list"),
        (pickle.dumps({"labels": [1]}), "missing data: found keys labels"),
        (pickle.dumps({"data": np.zeros((2, 3072), np.uint8), "labels": [1]}), "list of 2 labels"),
        (
            pickle.dumps({"data": np.zeros((1, 3072), np.uint8), "labels": ["x"]}),
            "list of 1 labels",
        ),
        (pickle.dumps({"labels": [1]})[:-3], "not a readable CIFAR pickle"),
    ],
)
def test_bad_batches(tmp_path, content, why):
    with pytest.raises(GradcheckError, match=why):
        cifar_pickle.read_batch(write(tmp_path / "batch", content), ("labels",))
