"""Zero init on a hidden layer: the run says that the hidden units stayed identical."""

import numpy as np
import pytest

from gradcheck.train import build_network, make_config, train
from gradcheck.train.diagnose import identical_hidden_units


def test_zero_init_tanh_network_is_reported_as_identical_hidden_units(tiny):
    config = make_config("tanh-mlp", hidden=5, init="zeros", epochs=3, batch_size=30)
    net = build_network(config, 6, 3)
    metrics = train(config, tiny, network=net)
    assert not net.model.modules[0].W.any()
    (note,) = metrics.notes
    assert note.startswith("hidden units stayed identical: all 5 columns of the first Linear's")
    assert "only the output bias learned" in note


@pytest.mark.parametrize("init", ["xavier", "normal"])
def test_random_init_gives_no_note(tiny, init):
    metrics = train(make_config("tanh-mlp", hidden=5, init=init, epochs=2, batch_size=30), tiny)
    assert metrics.notes == ()


def test_softmax_regression_with_zero_init_has_no_hidden_units_to_report(tiny):
    assert (
        train(make_config("softmax-regression", init="zeros", epochs=2, batch_size=30), tiny).notes
        == ()
    )


def test_equal_but_nonzero_columns_are_reported_without_the_zero_explanation():
    net = build_network(make_config("tanh-mlp", hidden=3), 4, 2)
    net.model.modules[0].W[...] = np.array([[0.5], [-1.0], [2.0], [0.0]])  # every column alike
    note = identical_hidden_units(net)
    assert note is not None and "stayed 0" not in note
    net.model.modules[0].W[0, 2] = 0.25  # one unit differs
    assert identical_hidden_units(net) is None
