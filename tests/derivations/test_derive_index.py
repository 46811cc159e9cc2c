"""The general-N index forms, written out at small N, equal SymPy's own Matrix.jacobian
of an explicit forward written here (sympy.tanh, Max, sums by hand), not by the derivations."""

import pytest
import sympy as sp

from gradcheck.derivations import derive, linear
from gradcheck.derivations.index import N, i, j, s, t, x, y, z
from gradcheck.derivations.prove import prove


def xs(n, base=x):
    return sp.Matrix([base[a] for a in range(n)])


def softmax(v):
    return v.applyfunc(sp.exp) / sum(v.applyfunc(sp.exp))


def at(expr, rows, cols, n, outputs):
    """Entry (a, b) of an index form: i = a, j = b, N = n, the outputs replaced by outputs."""

    def entry(a, b):
        e = expr.subs({i: a, j: b}).subs(N, n).doit()  # i, j first: their range holds N
        return e.subs(outputs, simultaneous=True)

    return sp.Matrix(rows, cols, entry)


def output(base, values):
    return {base[a]: v for a, v in enumerate(values)}


MODULES = {  # name -> (explicit forward of xs(n), the output base and its explicit values)
    "SoftMax": lambda v: (softmax(v), s, softmax(v)),
    "LogSoftMax": lambda v: (
        v - sp.ones(len(v), 1) * sp.log(sum(v.applyfunc(sp.exp))),
        s,
        softmax(v),
    ),
    "Tanh": lambda v: (v.applyfunc(sp.tanh), y, v.applyfunc(sp.tanh)),
}


@pytest.mark.parametrize("n", [2, 4])
@pytest.mark.parametrize("name", MODULES)
def test_index_form_is_matrix_jacobian(name, n):
    forward, base, values = MODULES[name](xs(n))
    index = at(derive(name).jacobian_index.rhs, n, n, n, output(base, values))
    assert prove(index, forward.jacobian(xs(n)))


@pytest.mark.parametrize("n", [2, 4])
def test_relu_index_form_is_matrix_jacobian_with_h0_zero(n):
    jm = xs(n).applyfunc(lambda e: sp.Max(e, 0)).jacobian(xs(n))
    jm = jm.replace(sp.Heaviside, lambda a, *_: sp.Heaviside(a, 0))  # our convention at 0
    assert prove(at(derive("ReLU").jacobian_index.rhs, n, n, n, {}), jm)


@pytest.mark.parametrize(
    ("name", "loss"),
    [
        ("CrossEntropy", lambda n: -sum(t[a] * sp.log(z[a]) for a in range(n))),
        ("CrossEntropyLog", lambda n: -sum(t[a] * z[a] for a in range(n))),
    ],
)
@pytest.mark.parametrize("n", [2, 5])
def test_criterion_index_form_is_matrix_jacobian(name, loss, n):
    grad = at(derive(name).jacobian_index.rhs.subs(j, i), n, 1, n, {})
    assert prove(grad.T, sp.Matrix([loss(n)]).jacobian(xs(n, z)))


@pytest.mark.parametrize(
    ("name", "log_prob"),
    [
        ("SoftMax+CrossEntropy", lambda v: softmax(v).applyfunc(sp.log)),
        (
            "LogSoftMax+CrossEntropyLog",
            lambda v: v - sp.ones(len(v), 1) * sp.log(sum(v.applyfunc(sp.exp))),
        ),
    ],
)
@pytest.mark.parametrize("n", [2, 4])
def test_composite_index_form_is_matrix_jacobian(name, log_prob, n):
    last = {t[n - 1]: 1 - sum(t[a] for a in range(n - 1))}  # the target sums to 1
    loss = -sum(t[a] * e for a, e in enumerate(log_prob(xs(n, z))))
    jm = sp.Matrix([loss.subs(last)]).jacobian(xs(n, z))
    index = at(
        derive(name).jacobian_index.rhs.subs(j, i), n, 1, n, output(s, softmax(xs(n, z)))
    ).subs(last)
    assert prove(index.T, jm)


@pytest.mark.parametrize("n", [2, 3])
def test_linear_index_forms_are_matrix_jacobians(n):
    p = n + 1
    w = sp.Matrix(n, p, lambda a, c: linear.W[a, c])
    out = w.T * xs(n) + xs(p, linear.b)  # y = x W + b, one sample as a column
    jx, jw, jb = (eq.rhs for eq in derive("Linear").jacobian_index)
    k, ii, jj = linear.k, linear.i, linear.j  # index values first: their ranges hold n_in, n_out
    assert prove(sp.Matrix(p, n, lambda r, a: jx.subs({k: r, ii: a})), out.jacobian(xs(n)))
    assert prove(
        sp.Matrix(p, n * p, lambda r, c: jw.subs({k: r, ii: c // p, jj: c % p})),
        out.jacobian(list(w)),
    )  # W flattened row-major
    assert prove(
        sp.Matrix(p, p, lambda r, c: jb.subs({k: r, jj: c})), out.jacobian(xs(p, linear.b))
    )


@pytest.mark.parametrize("name", ["SoftMax", "LogSoftMax", "Tanh", "ReLU", "CrossEntropy"])
def test_recorded_matrix_is_matrix_jacobian(name):
    n = 3
    d = derive(name, n)
    v = xs(n, z if d.kind == "criterion" else x)
    forward = {
        "SoftMax": softmax(v),
        "LogSoftMax": MODULES["LogSoftMax"](v)[0],
        "Tanh": v.applyfunc(sp.tanh),
        "ReLU": v.applyfunc(lambda e: sp.Max(e, 0)),
        "CrossEntropy": sp.Matrix([-sum(t[a] * sp.log(z[a]) for a in range(n))]),
    }[name]
    assert prove(d.jacobian_matrix, forward.jacobian(v))
