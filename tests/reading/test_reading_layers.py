"""Layers in students' conventions: read, said, and checked three ways against SymPy's
Jacobians; the reading's views of their arrays against closed forms computed here."""

import numpy as np
import pytest

from gradcheck.reading import Layer, read
from gradcheck.threeway import load, verify
from tests.reading.conftest import CONVENTIONS, spec

LAYERS = [  # class, reference, args, what the report must say it read
    (
        "TorchLinear",
        "Linear",
        (3, 4),
        ["forward/backward", "W stored (out, in)", "bias (1, 4)", "gradients from dW, db"],
    ),
    ("DictLinear", "Linear", (3, 4), ["the params dict", "grads['W'], grads['b']"]),
    (
        "MlpAffine",
        "Linear",
        (3, 4),
        ["bprop(inputs, outputs, grads_wrt_outputs)", "W stored (out, in)", "grads_wrt_params"],
    ),
    ("SkeletonLinear", "Linear", (3, 4), ["fprop/bprop", "get_grad_param(grad_out)"]),
    ("StepLinear", "Linear", (3, 4), ["an SGD step inside backward"]),
    ("AccLinear", "Linear", (3, 4), ["gradients from grad_weight, grad_bias"]),
    ("FoldLinear", "Linear", (3, 4), ["bias folded into W as its last row"]),
    ("TupleLinear", "Linear", (3, 4), ["the tuple backward returns"]),
    ("SingleLinear", "Linear", (3, 4), ["single-sample (1-D input)", "W stored (out, in)"]),
    ("SingleSoftmax", "SoftMax", (), ["single-sample"]),
    ("CallTanh", "Tanh", (), ["__call__/grad"]),
    ("BackTanh", "Tanh", (), ["forward/back"]),
]


@pytest.mark.parametrize(("cls", "ref", "args", "said"), LAYERS, ids=[c[0] for c in LAYERS])
def test_correct_layers_pass_three_ways_and_say_how_they_were_read(cls, ref, args, said):
    mv = verify(spec(CONVENTIONS, cls), reference=ref, args=args).results[0]
    assert mv.passed, (mv.triage, mv.error, mv.reading)
    assert mv.reading.startswith("read as: ")
    for phrase in said:
        assert phrase in mv.reading + " ".join(mv.notes), (phrase, mv.reading)
    if ref == "Linear":  # the symbolic reference checked W and b, not only x
        assert {c.name for c in mv.jacobians} == {"x", "W", "b"}


def _layer(cls, args):
    obj = load.instantiate(load.load_class(spec(CONVENTIONS, cls)), args)
    return obj, read(obj, reference="Linear", args=args)


@pytest.mark.parametrize(
    "cls",
    [
        "TorchLinear",
        "DictLinear",
        "MlpAffine",
        "SkeletonLinear",
        "FoldLinear",
        "TupleLinear",
        "AccLinear",
        "StepLinear",
    ],
)
def test_views_are_the_students_arrays_and_gradients_the_closed_form(cls):
    _, lay = _layer(cls, (3, 4))
    assert isinstance(lay, Layer)
    W, b = lay.params  # gradcheck's layout, whatever the student's
    assert W.shape == (3, 4) and b.shape == (4,)
    rng = np.random.default_rng(1)
    x, g = rng.standard_normal((5, 3)), rng.standard_normal((5, 4))
    np.testing.assert_allclose(lay.fprop(x), x @ W + b, rtol=1e-12)  # y = x W + b
    gx = lay.bprop(g)
    np.testing.assert_allclose(gx, g @ W.T, rtol=1e-12)
    np.testing.assert_allclose(lay.grads[0], x.T @ g, rtol=1e-12)
    np.testing.assert_allclose(lay.grads[1], g.sum(axis=0), rtol=1e-12)
    W[0, 0] += 1.0  # a view: perturbing it perturbs the student's own fprop
    np.testing.assert_allclose(lay.fprop(x), x @ W + b, rtol=1e-12)


def test_the_step_inside_backward_leaves_the_parameters_as_they_were():
    _, lay = _layer("StepLinear", (3, 4))
    before = [p.copy() for p in lay.params]
    lay.fprop(np.ones((2, 3)))
    lay.bprop(np.ones((2, 4)))
    for p, p0 in zip(lay.params, before, strict=True):
        np.testing.assert_array_equal(p, p0)


def test_accumulating_gradients_are_zeroed_by_the_students_zero_grad():
    _, lay = _layer("AccLinear", (3, 4))
    x, g = np.ones((2, 3)), np.ones((2, 4))
    lay.fprop(x)
    lay.bprop(g)
    lay.bprop(g)
    np.testing.assert_allclose(lay.grads[0], x.T @ g)  # once, not twice
    assert any("zero_grad() called" in n for n in lay.notes)


def test_without_a_reference_the_layer_is_checked_against_finite_differences():
    mv = verify(spec(CONVENTIONS, "TorchLinear"), args=(3, 4)).results[0]
    assert mv.passed and mv.reference is None and mv.shape == (3, 4)


def test_the_input_width_comes_from_the_constructor_arguments():
    mv = verify(spec(CONVENTIONS, "TorchLinear"), reference="Linear", args=(5, 2)).results[0]
    assert mv.shape == (5, 2)  # (in, out), though W is stored (2, 5)


def test_a_square_layer_read_as_told_by_layout():
    from gradcheck.reading import Hints

    mv = verify(spec(CONVENTIONS, "TorchLinear"), reference="Linear", args=(4, 4)).results[0]
    assert mv.passed and "W stored (out, in)" in mv.reading  # probed, though W is square
    told = verify(
        spec(CONVENTIONS, "TorchLinear"),
        reference="Linear",
        args=(4, 4),
        hints=Hints(layout="in,out"),
    ).results[0]
    assert not told.passed and "W stored (in, out)" in told.reading  # a wrong telling fails
