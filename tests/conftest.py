"""Shared fixtures; the slow MNIST trainings run after every fast test."""

from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
MNIST_DIR = REPO.parent / "shared" / "data" / "mnist"


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.get_closest_marker("slow") is not None)


@pytest.fixture(autouse=True, scope="session")
def no_user_config(tmp_path_factory):
    """No test reads the user's `gradcheck data --use` folder: an empty config home."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
        yield


@pytest.fixture
def rng():
    return np.random.default_rng(20261126)


@pytest.fixture
def mnist_dir() -> Path:
    if not (MNIST_DIR / "train-images-idx3-ubyte.gz").exists():
        pytest.fail(f"the real MNIST is expected at {MNIST_DIR} (see shared/data/README.md)")
    return MNIST_DIR
