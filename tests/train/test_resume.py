"""Same seed, same metrics; a checkpoint resumed (or a Ctrl-C) gives the uninterrupted run."""

import dataclasses

import numpy as np
import pytest

from gradcheck.errors import GradcheckError
from gradcheck.train import (
    Observer,
    TrainingInterrupted,
    build_network,
    load_checkpoint,
    make_config,
    save_checkpoint,
    train,
)

CONFIG = make_config("tanh-mlp", hidden=5, epochs=4, batch_size=16)  # 90 inputs: a short batch


def figures(metrics):
    """Everything but the seconds."""
    return [(e.epoch, e.cost, e.train_errors, e.val_errors) for e in metrics.epochs]


def run(data, config=CONFIG, **kw):
    net = build_network(config, 6, 3)
    return train(config, data, network=net, **kw), net


def test_same_seed_gives_bit_identical_metrics_and_another_seed_does_not(tiny):
    (a, net_a), (b, net_b) = run(tiny), run(tiny)
    assert figures(a) == figures(b)
    assert all(np.array_equal(p, q) for p, q in zip(net_a.params, net_b.params, strict=True))
    c, _ = run(tiny, dataclasses.replace(CONFIG, seed=1))
    assert figures(c) != figures(a)


def test_resume_from_a_checkpoint_is_bit_identical_to_one_run(tiny, tmp_path):
    full, net_full = run(tiny)
    path = tmp_path / "ck.npz"
    half, _ = run(tiny, dataclasses.replace(CONFIG, epochs=2), checkpoint=path)
    assert len(half.epochs) == 2
    resumed, net = run(tiny, resume=load_checkpoint(path, CONFIG))
    assert figures(resumed) == figures(full)
    assert resumed.epochs[:2] == half.epochs  # the history comes back with its seconds
    assert all(np.array_equal(p, q) for p, q in zip(net.params, net_full.params, strict=True))
    assert [p.name for p in tmp_path.iterdir()] == ["ck.npz"]


class CtrlC(Observer):
    def on_batch(self, epoch, batch, n_batches):
        if (epoch, batch) == (3, 2):
            raise KeyboardInterrupt


def test_ctrl_c_hands_back_the_last_whole_epoch_and_resuming_it_matches(tiny, tmp_path):
    full, _ = run(tiny)
    with pytest.raises(TrainingInterrupted) as e:
        run(tiny, observer=CtrlC())
    assert e.value.checkpoint.epoch == 2
    save_checkpoint(e.value.checkpoint, tmp_path / "ck.npz")
    resumed, _ = run(tiny, resume=load_checkpoint(tmp_path / "ck.npz", CONFIG))
    assert figures(resumed) == figures(full)


def test_resume_may_add_epochs_but_not_change_other_settings(tiny, tmp_path):
    path = tmp_path / "ck.npz"
    run(tiny, checkpoint=path)
    assert load_checkpoint(path, dataclasses.replace(CONFIG, epochs=9)).epoch == 4
    with pytest.raises(GradcheckError, match=r"another config \(lr 0\.1 vs 0\.2; seed 0 vs 3"):
        load_checkpoint(path, dataclasses.replace(CONFIG, lr=0.2, seed=3))


def test_missing_and_corrupt_checkpoints_are_one_line_errors(tmp_path):
    with pytest.raises(GradcheckError, match="no such checkpoint file"):
        load_checkpoint(tmp_path / "nope.npz", CONFIG)
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(GradcheckError, match="not a readable gradcheck checkpoint") as e:
        load_checkpoint(bad, CONFIG)
    assert "\n" not in str(e.value)
    other = tmp_path / "other.npz"
    np.savez(other, meta=np.array('{"format": "something else"}'))
    with pytest.raises(GradcheckError, match="format 'something else'"):
        load_checkpoint(other, CONFIG)


def test_a_truncated_checkpoint_is_refused(tiny, tmp_path):
    path = tmp_path / "ck.npz"
    run(tiny, checkpoint=path)
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(GradcheckError, match="not a readable gradcheck checkpoint"):
        load_checkpoint(path, CONFIG)
