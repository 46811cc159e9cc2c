"""Presets are the exercise's experiments; overrides replace settings; bad settings are refused."""

import pytest

from gradcheck.errors import GradcheckError
from gradcheck.train import PRESETS, build_network, make_config


def test_presets_are_the_exercise_experiments():
    nets = {name: build_network(c, 784, 10).describe() for name, c in PRESETS.items()}
    assert nets == {
        "softmax-regression": "Linear(784, 10) → SoftMax → CrossEntropy",
        "tanh-mlp": "Linear(784, 200) → Tanh → Linear(200, 10) → SoftMax → CrossEntropy",
        "log-softmax-sgd": "Linear(784, 10) → LogSoftMax → CrossEntropyLog",
    }
    sr, mlp, sgd = PRESETS.values()
    assert (
        (sr.epochs, sr.lr, sr.batch_size) == (mlp.epochs, mlp.lr, mlp.batch_size) == (100, 0.1, 600)
    )
    assert (sgd.lr, sgd.batch_size, sgd.stable) == (0.1, 1, True)
    assert [c.preprocess for c in PRESETS.values()] == ["standardize", "scale", "standardize"]


def test_the_first_linear_skips_its_input_gradient():
    net = build_network(PRESETS["tanh-mlp"], 784, 10)
    assert [getattr(m, "requires_input_grad", None) for m in net.model.modules] == [
        False,
        None,
        True,
        None,
    ]


def test_overrides_replace_settings_and_none_keeps_them():
    c = make_config(
        "tanh-mlp",
        lr=0.05,
        hidden=None,
        activation="relu",
        stable=True,
        dtype="float32",
        init="zeros",
    )
    assert (c.lr, c.hidden, c.activation, c.stable, c.dtype, c.init) == (
        0.05,
        200,
        "relu",
        True,
        "float32",
        "zeros",
    )
    assert (
        build_network(c, 4, 3).describe()
        == "Linear(4, 200) → ReLU → Linear(200, 3) → LogSoftMax → CrossEntropyLog"
    )
    assert make_config().preset == "softmax-regression"


@pytest.mark.parametrize(
    ("preset", "kw", "message"),
    [
        ("resnet", {}, "unknown preset 'resnet': expected one of softmax-regression"),
        ("tanh-mlp", {"lr": 0.0}, "learning rate must be a finite number > 0, got 0.0"),
        ("tanh-mlp", {"lr": float("nan")}, "learning rate must be a finite number > 0, got nan"),
        ("tanh-mlp", {"batch_size": 0}, "batch size must be an integer >= 1, got 0"),
        ("tanh-mlp", {"epochs": 0}, "epochs must be an integer >= 1, got 0"),
        ("tanh-mlp", {"hidden": -1}, "hidden must be an integer >= 0, got -1"),
        ("tanh-mlp", {"activation": "swish"}, "activation must be one of tanh, relu"),
        ("tanh-mlp", {"dtype": "float16"}, "dtype must be one of float32, float64"),
        ("tanh-mlp", {"dataset": "imagenet"}, "dataset must be one of mnist, fashion-mnist"),
        ("tanh-mlp", {"preprocess": "whiten"}, "preprocess must be one of standardize, scale"),
        ("tanh-mlp", {"init": "he"}, "init must be one of xavier, normal, zeros"),
        ("tanh-mlp", {"momentum": 0.9}, "unknown setting 'momentum'"),
    ],
)
def test_bad_settings_are_one_line_errors(preset, kw, message):
    with pytest.raises(GradcheckError) as e:
        make_config(preset, **kw)
    assert message in str(e.value) and "\n" not in str(e.value)
