"""A folder of the four MNIST-format IDX files (MNIST, Fashion-MNIST) read into flat arrays."""

from pathlib import Path

import numpy as np

from gradcheck.data.idx import IMAGES, LABELS, read_idx
from gradcheck.errors import GradcheckError

STEMS = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)
N_CLASSES = 10


def file_for(folder: Path, stem: str) -> Path | None:
    """The stem's file in folder, gzipped (.gz) or raw, or None."""
    for name in (stem + ".gz", stem):
        if (folder / name).is_file():
            return folder / name
    return None


def present(folder: Path) -> bool:
    """Whether folder holds all four files."""
    return all(file_for(folder, stem) for stem in STEMS)


def read(folder: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Training and test pixels (N, 784) and labels (N,), all uint8."""
    return (*_pair(folder, "train"), *_pair(folder, "t10k"))


def _pair(folder: Path, split: str) -> tuple[np.ndarray, np.ndarray]:
    """One split's flat images and labels, checked against each other."""
    ipath = file_for(folder, f"{split}-images-idx3-ubyte")
    lpath = file_for(folder, f"{split}-labels-idx1-ubyte")
    images, labels = read_idx(ipath, IMAGES), read_idx(lpath, LABELS)
    if images.shape[1:] != (28, 28):
        raise GradcheckError(
            f"{ipath}: expected 28×28 images, header says {images.shape[1]}×{images.shape[2]}"
        )
    if len(images) != len(labels):
        raise GradcheckError(
            f"{lpath}: {len(labels)} labels for the {len(images)} images of {ipath.name}"
        )
    if labels.max(initial=0) >= N_CLASSES:
        raise GradcheckError(f"{lpath}: label {labels.max()} out of range: expected 0..9")
    return images.reshape(len(images), 28 * 28), labels  # (N, 784), (N,)
