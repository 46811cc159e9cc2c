"""The Dataset a training run consumes: arrays plus how they were made."""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Dataset:
    """Training and validation inputs and labels of one dataset, with their provenance."""

    x_train: np.ndarray  # (N, D) float32 or float64
    y_train: np.ndarray  # (N,) int64, 0 .. n_classes-1
    x_val: np.ndarray  # (M, D), preprocessed with the training statistics
    y_val: np.ndarray  # (M,) int64
    name: str
    n_classes: int
    description: str  # source folder and preprocessing, for reports and reproducibility
