"""Training: a Config (or preset), the network it describes, SGD, and what the run measured.

    metrics = train(make_config("tanh-mlp", epochs=5), observer=None)

The loop reports through an Observer, so nothing here prints; the CLI renders.
"""

from gradcheck.train.checkpoint import Checkpoint
from gradcheck.train.checkpoint import load as load_checkpoint
from gradcheck.train.checkpoint import save as save_checkpoint
from gradcheck.train.config import PRESETS, Config, make_config
from gradcheck.train.data import load_data
from gradcheck.train.loop import TrainingInterrupted, train
from gradcheck.train.metrics import EpochMetrics, Metrics
from gradcheck.train.monitor import Diverged
from gradcheck.train.network import Network, build_network
from gradcheck.train.observer import Observer
from gradcheck.train.precheck import (
    PrecheckError,
    SymbolicPrecheckError,
    precheck,
    symbolic_precheck,
)
from gradcheck.train.sgd import SGD

__all__ = [
    "PRESETS",
    "SGD",
    "Checkpoint",
    "Config",
    "Diverged",
    "EpochMetrics",
    "Metrics",
    "Network",
    "Observer",
    "PrecheckError",
    "SymbolicPrecheckError",
    "TrainingInterrupted",
    "build_network",
    "load_checkpoint",
    "load_data",
    "make_config",
    "precheck",
    "save_checkpoint",
    "symbolic_precheck",
    "train",
]
