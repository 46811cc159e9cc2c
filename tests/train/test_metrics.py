"""Metrics as JSON: the schema, and an atomic write that leaves no temp file behind."""

import json

import pytest

from gradcheck.atomic import atomic_write
from gradcheck.report.write import write_json
from gradcheck.train import EpochMetrics, Metrics, make_config, train

CONFIG = make_config("softmax-regression", epochs=3, batch_size=20)


def test_json_has_config_epochs_and_final(tiny, tmp_path):
    path = tmp_path / "out" / "metrics.json"
    metrics = train(CONFIG, tiny)
    write_json(metrics, path)
    d = json.loads(path.read_text())
    assert set(d) == {"config", "epochs", "final", "notes"}
    assert d["config"] == CONFIG.to_dict() and d["config"]["lr"] == 0.1
    assert [e["epoch"] for e in d["epochs"]] == [1, 2, 3]
    for e in d["epochs"]:
        assert set(e) == {"epoch", "cost", "train_errors", "val_errors", "seconds"}
        assert isinstance(e["train_errors"], int) and 0 <= e["val_errors"] <= 30
    assert d["final"] == {k: d["epochs"][-1][k] for k in ("val_errors", "train_errors", "cost")}
    assert list(tmp_path.glob("out/.*")) == []


def test_final_of_an_empty_run_is_none():
    assert Metrics(CONFIG, ()).final == {"val_errors": None, "train_errors": None, "cost": None}


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path):
    path = tmp_path / "metrics.json"
    path.write_text("old")

    def half_then_fail(f):
        f.write(b'{"config": ')
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        atomic_write(path, half_then_fail)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["metrics.json"]


def test_unserialisable_metrics_do_not_clobber_the_file(tmp_path):
    path = tmp_path / "metrics.json"
    path.write_text("old")
    bad = Metrics(CONFIG, (EpochMetrics(1, 0.5, 3, 2, object()),))  # seconds not a number
    with pytest.raises(TypeError):
        write_json(bad, path)
    assert path.read_text() == "old" and len(list(tmp_path.iterdir())) == 1


def test_a_diverged_cost_is_written_as_the_string_nan_and_reads_back(tmp_path):
    """One NaN policy (gradcheck.serialize): strict JSON, "nan" and "inf" as strings."""
    path = tmp_path / "metrics.json"
    m = Metrics(
        CONFIG, (EpochMetrics(1, float("nan"), 3, 2, 0.5), EpochMetrics(2, float("inf"), 3, 2, 0.5))
    )
    write_json(m, path)
    text = path.read_text()
    assert "NaN" not in text and "Infinity" not in text  # python's non-standard tokens
    d = json.loads(text, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    assert [e["cost"] for e in d["epochs"]] == ["nan", "inf"]
    assert float(d["final"]["cost"]) == float("inf")
