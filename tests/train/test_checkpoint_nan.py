"""A checkpoint's metadata through the one serializer: strict JSON, a NaN or inf cost as a
string, read back as float('nan') / inf; an older file's bare NaN still loads."""

import dataclasses
import json
import math

import numpy as np
import pytest

from gradcheck.errors import GradcheckError
from gradcheck.train import checkpoint as checkpoint_module
from gradcheck.train import load_checkpoint, save_checkpoint
from tests.train.test_resume import CONFIG, figures, run


def diverged(ckpt):
    """The checkpoint with a NaN cost in epoch 1 and an inf time in its last epoch."""
    first, *rest = ckpt.history
    history = (dataclasses.replace(first, cost=math.nan), *rest)
    history = (*history[:-1], dataclasses.replace(history[-1], seconds=math.inf))
    return dataclasses.replace(ckpt, history=history)


@pytest.fixture
def half(tiny, tmp_path):
    """A real checkpoint after 2 of CONFIG's 4 epochs, then given non-finite figures."""
    path = tmp_path / "ck.npz"
    run(tiny, dataclasses.replace(CONFIG, epochs=2), checkpoint=path)
    save_checkpoint(diverged(load_checkpoint(path)), path)
    return path


def meta_text(path) -> str:
    with np.load(path) as z:
        return str(z["meta"])


def test_nan_and_inf_round_trip_as_floats(half):
    history = load_checkpoint(half, CONFIG).history
    assert math.isnan(history[0].cost) and isinstance(history[0].cost, float)
    assert history[-1].seconds == math.inf
    assert [e.epoch for e in history] == [1, 2]


def test_the_metadata_is_strict_json_with_the_strings(half):
    text = meta_text(half)
    meta = json.loads(text, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    assert meta["history"][0]["cost"] == "nan" and meta["history"][-1]["seconds"] == "inf"


def test_resuming_after_a_nan_in_the_history_matches_one_run(tiny, half):
    full, net_full = run(tiny)
    resumed, net = run(tiny, resume=load_checkpoint(half, CONFIG))
    assert math.isnan(resumed.epochs[0].cost)
    assert figures(resumed)[1:] == figures(full)[1:]
    assert all(np.array_equal(p, q) for p, q in zip(net.params, net_full.params, strict=True))


def test_the_strict_json_dumps_path_fails_on_the_nan(tiny, tmp_path, monkeypatch):
    """The broken variant: strict json.dumps without the policy refuses a diverged cost."""
    path = tmp_path / "ck.npz"
    run(tiny, dataclasses.replace(CONFIG, epochs=2), checkpoint=path)
    ckpt = diverged(load_checkpoint(path))
    monkeypatch.setattr(
        checkpoint_module, "to_json", lambda d, indent=None: json.dumps(d, allow_nan=False)
    )
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        save_checkpoint(ckpt, path)


def test_an_older_checkpoint_with_a_bare_nan_still_loads(half):
    """Written as json.dumps did before (NaN, Infinity: not JSON, but json.loads reads them)."""
    meta = json.loads(meta_text(half))
    meta["history"][0]["cost"], meta["history"][-1]["seconds"] = math.nan, math.inf
    with np.load(half) as z:
        arrays = {k: z[k] for k in z.files if k != "meta"}
    old = json.dumps(meta)
    assert "NaN" in old and "Infinity" in old
    np.savez(half, meta=np.array(old), **arrays)
    history = load_checkpoint(half, CONFIG).history
    assert math.isnan(history[0].cost) and history[-1].seconds == math.inf


def test_a_string_that_is_not_a_number_is_refused(half):
    meta = json.loads(meta_text(half))
    meta["history"][0]["cost"] = "0.5"
    with np.load(half) as z:
        arrays = {k: z[k] for k in z.files if k != "meta"}
    np.savez(half, meta=np.array(json.dumps(meta)), **arrays)
    with pytest.raises(
        GradcheckError, match="expected a number or one of nan, inf, -inf, got '0.5'"
    ):
        load_checkpoint(half, CONFIG)
