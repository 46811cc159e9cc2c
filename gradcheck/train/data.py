"""The data a Config asks for, and the checks that it fits the run."""

from __future__ import annotations

import os

import numpy as np

from gradcheck.data import Dataset, load_dataset
from gradcheck.data.download import DownloadProgress
from gradcheck.errors import GradcheckError
from gradcheck.modules import Module
from gradcheck.train.config import Config


def load_data(
    config: Config,
    data_dir: str | os.PathLike | None = None,
    download: bool = True,
    progress: DownloadProgress | None = None,
) -> Dataset:
    """The configured dataset, preprocessed with the training set's statistics, in its dtype;
    a download reports to progress (default: quietly)."""
    return load_dataset(
        config.dataset,
        data_dir,
        download,
        preprocess=config.preprocess,
        dtype=config.dtype,
        progress=progress,
    )


def check_fits(config: Config, data: Dataset, model: Module) -> None:
    """Batch size, dtype, input width and labels fit the run, so that no error of theirs
    passes for divergence during training."""
    n = len(data.x_train)
    if config.batch_size > n:
        raise GradcheckError(
            f"batch size {config.batch_size} is larger than the training set ({n} inputs)"
        )
    for name in ("x_train", "x_val"):
        x = getattr(data, name)
        if x.ndim != 2 or x.dtype != np.dtype(config.dtype):
            raise GradcheckError(
                f"{name} must be a (N, D) {config.dtype} array, got {x.dtype} of shape {x.shape}"
            )
    n_out = model.fprop(data.x_train[:1]).shape[1]  # a wrong input width raises here
    top = int(max(data.y_train.max(), data.y_val.max()))
    if top >= n_out:
        raise GradcheckError(f"label {top} does not fit the network's {n_out} outputs")
