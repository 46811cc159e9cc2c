"""CIFAR-10 and CIFAR-100 folders (binary version, or the python version) read into flat arrays."""

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gradcheck.data import cifar_pickle
from gradcheck.data.archive import extract
from gradcheck.errors import GradcheckError

PIXELS = 3 * 32 * 32  # one record's pixels, channel-major: 1024 red, 1024 green, 1024 blue


@dataclass(frozen=True)
class Layout:
    """The official archives' file names; label bytes are (label,) or (coarse, fine)."""

    archive: str
    folder: str
    train: tuple[str, ...]  # batch names, + ".bin" in the binary version
    test: str
    py_archive: str
    py_folder: str
    py_label_keys: tuple[str, ...]
    n_classes: tuple[int, ...]  # per label byte


LAYOUTS = {
    "cifar10": Layout(
        "cifar-10-binary.tar.gz",
        "cifar-10-batches-bin",
        tuple(f"data_batch_{i}" for i in range(1, 6)),
        "test_batch",
        "cifar-10-python.tar.gz",
        "cifar-10-batches-py",
        ("labels",),
        (10,),
    ),
    "cifar100": Layout(
        "cifar-100-binary.tar.gz",
        "cifar-100-binary",
        ("train",),
        "test",
        "cifar-100-python.tar.gz",
        "cifar-100-python",
        ("coarse_labels", "fine_labels"),
        (20, 100),
    ),
}


def present(folder: Path, name: str) -> bool:
    """Whether folder holds either version, packed or unpacked."""
    lay = LAYOUTS[name]
    return any(
        (folder / f).exists() for f in (lay.folder, lay.archive, lay.py_folder, lay.py_archive)
    )


def read(folder: Path, name: str, coarse: bool = False) -> tuple[np.ndarray, ...]:
    """Training and test pixels (N, 3072) and labels (N,), all uint8, unpacking if needed."""
    lay = LAYOUTS[name]
    column = 0 if coarse else -1
    for sub, archive, reader, suffix in (
        (lay.folder, lay.archive, _read_bin, ".bin"),
        (lay.py_folder, lay.py_archive, _read_py, ""),
    ):
        if not (folder / sub).is_dir() and (folder / archive).is_file():
            extract(folder / archive, folder)
        if (folder / sub).is_dir():
            return _split(reader, folder / sub, lay, suffix, column)
    raise GradcheckError(f"{folder}: no {lay.folder}/ or {lay.py_folder}/ after unpacking")


def _split(reader, sub: Path, lay: Layout, suffix: str, column: int) -> tuple[np.ndarray, ...]:
    """Training then test pixels and labels of one unpacked version."""
    train = [reader(sub, name + suffix, lay) for name in lay.train]
    x_test, t_test = reader(sub, lay.test + suffix, lay)
    x_train = np.concatenate([x for x, _ in train])
    t_train = np.concatenate([t for _, t in train])
    return x_train, t_train[:, column], x_test, t_test[:, column]


def _read_py(sub: Path, name: str, lay: Layout) -> tuple[np.ndarray, np.ndarray]:
    """Pixels and labels of one python-version batch, labels range-checked."""
    path = sub / name
    x, t = cifar_pickle.read_batch(path, lay.py_label_keys)
    return x, _check_labels(path, t, lay)


def _read_bin(sub: Path, name: str, lay: Layout) -> tuple[np.ndarray, np.ndarray]:
    """Pixels (N, 3072) and label bytes (N, k) of one binary batch file."""
    path = sub / name
    k = len(lay.n_classes)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise GradcheckError(f"{path}: cannot read: {e.strerror}") from None
    size = k + PIXELS
    if not data or len(data) % size:
        raise GradcheckError(
            f"{path}: {len(data)} bytes is not a whole number of {size}-byte "
            f"CIFAR records ({k} label byte(s) + {PIXELS} pixels)"
        )
    records = np.frombuffer(data, np.uint8).reshape(-1, size)  # (N, k + 3072)
    return records[:, k:], _check_labels(path, records[:, :k], lay)


def _check_labels(path: Path, labels: np.ndarray, lay: Layout) -> np.ndarray:
    """The (N, k) labels, after checking each column against its number of classes."""
    for j, n in enumerate(lay.n_classes):
        if labels[:, j].max(initial=0) >= n:
            raise GradcheckError(
                f"{path}: label {labels[:, j].max()} out of range: expected 0..{n - 1}"
            )
    return labels
