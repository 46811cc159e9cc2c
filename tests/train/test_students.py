"""Training the student's own modules (tests/train/students/, two conventions): the same
numbers as gradcheck's built-ins (checked independently against SymPy and finite differences),
a wrong module refused before training, bit-identical resume, clear errors."""

import json
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest

from gradcheck.cli import main
from gradcheck.errors import GradcheckError
from gradcheck.train import SymbolicPrecheckError, load_checkpoint, make_config, students, train

from .conftest import blobs

FILES = Path(__file__).parent / "students"
SKELETON, TORCHLIKE = str(FILES / "skeleton.py"), str(FILES / "torchlike.py")


def network(config, path, **kw):
    classes = students.find_classes(students.needed(config), path, {})
    return students.build(config, classes, 6, 3, **kw)


def figures(metrics):
    return [(e.cost, e.train_errors, e.val_errors) for e in metrics.epochs]


@pytest.mark.parametrize("path", [SKELETON, TORCHLIKE])
@pytest.mark.parametrize("preset", ["softmax-regression", "tanh-mlp", "log-softmax-sgd"])
def test_a_correct_student_network_reproduces_the_builtin_run(path, preset):
    tiny = blobs(dtype=np.float64)  # the students' classes compute in float64
    config = make_config(
        preset,
        epochs=3,
        batch_size=10,
        hidden=5 if preset == "tanh-mlp" else 0,
        lr=0.05,
        dtype="float64",
    )
    ours = train(config, tiny)
    theirs = train(config, tiny, network=network(config, path))
    for (c0, t0, v0), (c1, t1, v1) in zip(figures(ours), figures(theirs), strict=True):
        assert c1 == pytest.approx(c0, rel=1e-9) and abs(v1 - v0) <= 3 and abs(t1 - t0) <= 3


def test_the_summary_says_how_the_students_cost_was_read_and_converted(tiny):
    config = make_config("softmax-regression", epochs=1, batch_size=10)
    metrics = train(config, tiny, network=network(config, TORCHLIKE))
    said = " ".join(metrics.notes)
    assert (
        "CrossEntropyLoss read as: forward(z, t), backward(); target labels; cost summed" in said
        and "learning rate means what it means for the built-ins" in said
    )


def test_the_presets_initial_weights_are_applied_unless_own_init(tiny):
    config = make_config("tanh-mlp", epochs=1, hidden=5)
    preset = network(config, TORCHLIKE)
    own = network(config, TORCHLIKE, own_init=True)
    from gradcheck.train.network import build_network

    builtin = build_network(config, 6, 3)
    np.testing.assert_array_equal(preset.model.modules[0].params[0], builtin.linears[0].W)
    assert not np.array_equal(own.model.modules[0].params[0], builtin.linears[0].W)


def test_a_wrong_module_is_refused_before_training(tiny, tmp_path):
    source = (
        Path(SKELETON)
        .read_text()
        .replace(
            "return self.s * (grad_out - (grad_out * self.s).sum(axis=1, keepdims=True))",
            "return self.s * grad_out",
        )
    )
    path = tmp_path / "wrong.py"
    path.write_text(source)
    config = make_config("softmax-regression", epochs=1, batch_size=10)
    with pytest.raises(SymbolicPrecheckError) as e:
        train(config, tiny, network=network(config, str(path)))
    failed = [r for r in e.value.report.results if not r.passed]
    assert [r.reference for r in failed] == ["SoftMax"] and failed[0].triage == "bprop"


def test_resume_with_student_modules_is_bit_identical(tiny, tmp_path):
    config = make_config("tanh-mlp", epochs=4, batch_size=10, hidden=5)
    whole = train(config, tiny, network=network(config, SKELETON))
    ckpt = tmp_path / "c.npz"
    first = make_config("tanh-mlp", epochs=2, batch_size=10, hidden=5)
    train(first, tiny, network=network(first, SKELETON), checkpoint=str(ckpt))
    rest = train(
        config, tiny, network=network(config, SKELETON), resume=load_checkpoint(ckpt, config)
    )
    assert figures(rest) == figures(whole)
    for p, q in zip(rest.epochs, whole.epochs, strict=True):
        assert {**asdict(p), "seconds": 0} == {**asdict(q), "seconds": 0}


def test_the_cli_trains_a_students_file(capsys, idx_dir, tmp_path):
    metrics = tmp_path / "m.json"
    assert (
        main(
            [
                "train",
                "--modules",
                TORCHLIKE,
                "--epochs",
                "2",
                "--batch-size",
                "20",
                "--data-dir",
                str(idx_dir),
                "--metrics",
                str(metrics),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "your modules: Dense(784, 10) → Softmax → CrossEntropyLoss" in out
    assert len(json.loads(metrics.read_text())["epochs"]) == 2


def test_a_missing_class_is_one_line_naming_the_classes_found_and_the_option(capsys, idx_dir):
    assert (
        main(
            [
                "train",
                "tanh-mlp",
                "--modules",
                TORCHLIKE,
                "--activation",
                "relu",
                "--data-dir",
                str(idx_dir),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err.strip()
    assert (
        "\n" not in err
        and "has no class for ReLU" in err
        and "Dense" in err
        and "--module ReLU=FILE:Class" in err
    )


def test_module_overrides_modules_and_no_precheck_warns(capsys, idx_dir, tmp_path):
    path = tmp_path / "wrong.py"
    path.write_text(
        Path(TORCHLIKE).read_text().replace("(1 - self.out ** 2)", "(1 + self.out ** 2)")
    )
    base = [
        "train",
        "tanh-mlp",
        "--modules",
        TORCHLIKE,
        "--epochs",
        "1",
        "--hidden",
        "4",
        "--batch-size",
        "20",
        "--data-dir",
        str(idx_dir),
    ]
    assert main([*base, "--module", f"Tanh={path}:TanH"]) != 0
    err = capsys.readouterr().err
    assert "TanH" in err and "bprop is wrong" in err and "three-way check failed" in err
    assert main([*base, "--module", f"Tanh={path}:TanH", "--no-precheck"]) == 0
    assert "--no-precheck: your modules train unchecked" in capsys.readouterr().out


def test_an_ambiguous_module_file(tmp_path):
    path = tmp_path / "two.py"
    path.write_text(
        "class Softmax:\n    pass\nclass SoftMax:\n    pass\nclass Linear:\n"
        "    pass\nclass CrossEntropy:\n    pass\n"
    )
    config = make_config("softmax-regression")
    with pytest.raises(GradcheckError, match=r"2 classes \(Softmax, SoftMax\) for SoftMax"):
        students.find_classes(students.needed(config), str(path), {})


def test_a_network_of_the_students_own_instances():
    tiny = blobs(dtype=np.float64)  # the students' classes compute in float64
    import importlib.util

    spec = importlib.util.spec_from_file_location("torchlike", TORCHLIKE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    config = make_config(
        "softmax-regression", epochs=2, batch_size=10, init="xavier", dtype="float64"
    )
    net = students.network_of([mod.Dense(6, 3), mod.Softmax()], mod.CrossEntropyLoss())
    assert net.describe() == "Dense(6, 3) → Softmax → CrossEntropyLoss"
    from gradcheck.train.network import build_network

    builtin = build_network(config, 6, 3)
    for p, q in zip(net.model.params, builtin.model.params, strict=True):
        p[...] = q  # the same start as the built-ins
    ours, theirs = train(config, tiny), train(config, tiny, network=net)
    for (c0, t0, v0), (c1, t1, v1) in zip(figures(ours), figures(theirs), strict=True):
        assert c1 == pytest.approx(c0, rel=1e-9) and (t1, v1) == (t0, v0)


def test_the_zero_init_diagnosis_reads_the_students_first_linear(tiny):
    config = make_config("tanh-mlp", epochs=2, batch_size=10, hidden=5, init="zeros")
    metrics = train(config, tiny, network=network(config, TORCHLIKE))
    assert any("hidden units stayed identical: all 5 columns" in n for n in metrics.notes)
    xavier = make_config("tanh-mlp", epochs=2, batch_size=10, hidden=5)
    assert not any(
        "stayed identical" in n
        for n in train(xavier, tiny, network=network(xavier, TORCHLIKE)).notes
    )  # the note can be absent
