"""Checkpoints: parameters, epochs done, the shuffling generator's state, config, and a
fingerprint of the data; one npz. A foreign or malformed one is refused with the reason."""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import asdict, dataclass

import numpy as np

from gradcheck.atomic import atomic_write
from gradcheck.errors import GradcheckError
from gradcheck.serialize import from_fields, to_json
from gradcheck.train.config import Config, differences
from gradcheck.train.metrics import EpochMetrics
from gradcheck.train.network import Network

FORMAT = "gradcheck-train-checkpoint-2"  # 2: with the data's fingerprint
BIT_GENERATOR = "PCG64"  # np.random.default_rng's, as seeded_rngs makes it


@dataclass(frozen=True, eq=False)
class Checkpoint:
    """The state after `epoch` whole epochs: enough to continue bit for bit."""

    config: Config
    epoch: int
    params: tuple[np.ndarray, ...]
    rng_state: dict  # the shuffling generator's bit_generator.state
    history: tuple[EpochMetrics, ...]
    data: str  # data_fingerprint of the data it was trained on

    @classmethod
    def capture(
        cls,
        config: Config,
        network: Network,
        rng: np.random.Generator,
        history: list[EpochMetrics],
        data: str,
    ) -> Checkpoint:
        return cls(
            config,
            len(history),
            tuple(p.copy() for p in network.params),
            rng.bit_generator.state,
            tuple(history),
            data,
        )

    def require_data(self, fingerprint: str) -> None:
        """The data now must be the data the checkpoint was trained on."""
        if fingerprint != self.data:
            raise GradcheckError(
                f"the checkpoint was trained on other data (fingerprint {self.data[:12]} vs "
                f"{fingerprint[:12]} now: same dataset name and settings, other files); "
                "resume on the same data or start afresh"
            )

    def restore(self, network: Network, rng: np.random.Generator) -> None:
        """Copy the parameters into the network and the state into the generator."""
        if [p.shape for p in self.params] != [p.shape for p in network.params]:
            raise GradcheckError(
                f"checkpoint parameters {[p.shape for p in self.params]} do "
                f"not fit the network {network.describe()}"
            )
        for p, saved in zip(network.params, self.params, strict=True):
            p[...] = saved
        rng.bit_generator.state = self.rng_state


def save(ckpt: Checkpoint, path: str | os.PathLike) -> None:
    """The checkpoint into path (atomically): the parameters, and the rest as JSON metadata."""
    arrays = {f"param_{k}": p for k, p in enumerate(ckpt.params)}
    meta = {
        "format": FORMAT,
        "config": ckpt.config.to_dict(),
        "epoch": ckpt.epoch,
        "rng_state": ckpt.rng_state,
        "history": [asdict(e) for e in ckpt.history],
        "data": ckpt.data,
    }
    text = to_json(meta, indent=None)  # strict JSON: a diverged cost as "nan"
    atomic_write(path, lambda f: np.savez(f, meta=np.array(text), **arrays))


def load(path: str | os.PathLike, config: Config | None = None) -> Checkpoint:
    """A checkpoint; with config, it must have been written by the same settings (epochs aside)."""
    if not os.path.isfile(path):
        raise GradcheckError(f"{path}: no such checkpoint file")
    try:
        ckpt = _read(path)
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as e:
        raise GradcheckError(
            f"{path}: not a readable gradcheck checkpoint ({type(e).__name__}: {e})"
        ) from None
    diff = differences(ckpt.config, config, ignore=("epochs",)) if config else []
    if diff:
        raise GradcheckError(
            f"{path}: written by another config ({'; '.join(diff)}, "
            "checkpoint vs now); resume with the same preset and options"
        )
    return ckpt


def _read(path) -> Checkpoint:
    with open(path, "rb") as f, np.load(f, allow_pickle=False) as z:  # f closes on any error
        meta = json.loads(str(z["meta"]))  # also an older file's bare NaN
        if meta.get("format") != FORMAT:
            old = " (an older gradcheck's, without the data's fingerprint: start afresh)"
            raise ValueError(
                f"format {meta.get('format')!r}, expected {FORMAT!r}"
                + (old if meta.get("format") == "gradcheck-train-checkpoint-1" else "")
            )
        params = tuple(z[f"param_{k}"] for k in range(len(z.files) - 1))
    config = Config(**meta["config"])  # GradcheckError if a setting is out of range
    history = tuple(from_fields(EpochMetrics, e) for e in meta["history"])  # "nan": nan
    if meta["epoch"] != len(history):
        raise ValueError(f"epoch {meta['epoch']} but {len(history)} epochs of history")
    return Checkpoint(
        config, meta["epoch"], params, rng_state(meta["rng_state"]), history, str(meta["data"])
    )


def rng_state(state) -> dict:
    """The shuffling generator's state, if a fresh PCG64 accepts it; else a ValueError why."""
    kind = state.get("bit_generator") if isinstance(state, dict) else None
    if kind != BIT_GENERATOR:
        got = repr(kind) if kind is not None else f"a {type(state).__name__}"
        raise ValueError(f"random state of bit generator {got}, expected {BIT_GENERATOR!r}")
    try:
        np.random.PCG64().state = state
    except (TypeError, ValueError, KeyError, OverflowError) as e:
        raise ValueError(
            f"malformed {BIT_GENERATOR} random state: {type(e).__name__}: {e}"
        ) from None
    return state
