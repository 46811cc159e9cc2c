"""load_dataset: find (or download) a dataset's files, read them, preprocess them."""

import contextlib
import os
from pathlib import Path

import numpy as np

from gradcheck.data import cifar, mnist, sources
from gradcheck.data import preprocess as prep
from gradcheck.data.catalog import SPECS, Spec
from gradcheck.data.dataset import Dataset
from gradcheck.data.download import DownloadError, DownloadProgress, fetch
from gradcheck.errors import GradcheckError


def load_dataset(
    name: str,
    data_dir: str | os.PathLike | None = None,
    download: bool = True,
    *,
    preprocess: str = "standardize",
    dtype="float64",
    labels: str = "fine",
    progress: DownloadProgress | None = None,
) -> Dataset:
    """The named dataset, preprocessed; the validation set is the official test set.

    A download reports to progress (default: none, quietly)."""
    spec = spec_for(name)
    coarse = _coarse(spec, labels)
    dt = prep.float_dtype(dtype)
    folder = find_or_fetch(spec, data_dir, download, progress)
    x_train, t_train, x_val, t_val = _read(spec, folder, coarse)
    x_train, x_val = prep.preprocess(preprocess, x_train, x_val, dt)
    n_classes = spec.n_coarse if coarse else spec.n_classes
    kind = f" ({labels} labels)" if spec.n_coarse else ""
    text = (
        f"{name}: {len(x_train)} training and {len(x_val)} validation inputs of "
        f"{x_train.shape[1]} features, {n_classes} classes{kind}, from {folder}; "
        f"{prep.TEXT[preprocess]}; {dt}"
    )
    return Dataset(
        x_train, t_train.astype(np.int64), x_val, t_val.astype(np.int64), name, n_classes, text
    )


def spec_for(name: str) -> Spec:
    """The catalog entry of a dataset name."""
    if name not in SPECS:
        raise GradcheckError(f"dataset: expected one of {', '.join(SPECS)}, got {name!r}")
    return SPECS[name]


def _coarse(spec: Spec, labels: str) -> bool:
    """Whether the coarse labels were asked for (CIFAR-100 only)."""
    allowed = ("fine", "coarse") if spec.n_coarse else ("fine",)
    if labels not in allowed:
        raise GradcheckError(
            f"labels: {spec.name} has {' or '.join(allowed)} labels, got {labels!r}"
        )
    return labels == "coarse"


def _read(spec: Spec, folder: Path, coarse: bool) -> tuple[np.ndarray, ...]:
    """Raw uint8 training and validation pixels and labels from the folder."""
    if spec.kind == "idx":
        return mnist.read(folder)
    return cifar.read(folder, spec.name, coarse)


def find_or_fetch(
    spec: Spec, data_dir=None, download: bool = True, progress: DownloadProgress | None = None
) -> Path:
    """The folder holding the dataset, downloading the missing files if allowed."""
    folder = sources.locate(spec, data_dir)
    if folder is not None:
        return folder
    if not download:
        raise GradcheckError(sources.missing_message(spec, data_dir, "download=False"))
    target = sources.download_dir(spec, data_dir)
    try:
        _fetch_missing(spec, target, progress)
    except DownloadError as e:
        raise GradcheckError(
            sources.missing_message(spec, data_dir, f"download failed: {e}")
        ) from None
    return target


def _fetch_missing(spec: Spec, target: Path, progress: DownloadProgress | None) -> None:
    """Download into target each file of the dataset that is not there yet.

    Folders made for the download are removed again if it fails: nothing is left behind.
    """
    made = [d for d in (target, *target.parents) if not d.exists()]
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise GradcheckError(f"{target}: cannot create the download folder: {e.strerror}") from None
    try:
        for name, md5 in spec.md5.items():
            if not (target / name).exists() and not (target / name.removesuffix(".gz")).exists():
                urls = [base + name for base in spec.mirrors]
                fetch(urls, target / name, md5, progress=progress)
    except BaseException:
        for d in made:  # deepest first
            with contextlib.suppress(OSError):
                d.rmdir()  # only if still empty
        raise
