"""The row-sparse, streamed three-way check of a Linear against dense Jacobians built here.

References: the closed form ∂y_bk/∂W_ij = δ_jk x_bi, ∂y_bk/∂b_j = δ_jk, plain central
differences one weight at a time, and bprop's rows from one-hot gradients, all dense, all
computed in this file, then compared with the checker's dense compare().
"""

import numpy as np
import pytest

from gradcheck.checker.compare import compare, dense_label
from gradcheck.errors import GradcheckError
from gradcheck.modules import Linear
from gradcheck.modules.linear import (
    LinearAccumulate,
    LinearFirstRowBias,
    LinearTransposed,
    LinearUntransposed,
)
from gradcheck.threeway import verify
from gradcheck.threeway.streamed import SparseTriple
from gradcheck.threeway.tolerances import tolerances_for

EPS3 = np.cbrt(np.finfo(np.float64).eps)


def dense_fd(lin, x, p):
    """∂y/∂p (B·M, P) by central differences, one entry at a time, step cbrt(eps)·max(1, |p|),
    divided by the span p + h - (p - h) as it was stored."""
    out = np.zeros((lin.fprop(x).size, p.size))
    for c in range(p.size):
        old = p.flat[c]
        h = EPS3 * max(1.0, abs(old))
        p.flat[c] = old + h
        up, span = lin.fprop(x).ravel(), p.flat[c]
        p.flat[c] = old - h
        down, span = lin.fprop(x).ravel(), span - p.flat[c]
        p.flat[c] = old
        out[:, c] = (up - down) / span
    return out


def dense_bprop(lin, x, k):
    y = lin.fprop(x)
    rows = []
    for r in range(y.size):
        e = np.zeros_like(y)
        e.flat[r] = 1
        lin.bprop(e)
        rows.append(np.array(lin.grads[k]).ravel())
    return np.array(rows)  # (B·M, P)


def closed_form(x, n_out, name):
    """δ_jk x_bi for W (rows (b, k), columns (i, j)), δ_jk for b."""
    b_, n_in = x.shape
    eye = np.eye(n_out)
    if name == "W":
        return np.einsum("bi,kj->bkij", x, eye).reshape(b_ * n_out, n_in * n_out)
    return np.tile(eye, (b_, 1))


def dense_pairs(lin, x, name, k):
    tols = tolerances_for(x.dtype)
    sym, fd, bp = (
        closed_form(x, lin.n_out, name),
        dense_fd(lin, x, lin.params[k]),
        dense_bprop(lin, x, k),
    )
    label = dense_label((len(x), lin.n_out), lin.params[k].shape)

    def pair(ref, cand, tol):
        return compare(name, ref, cand, tol, label, shape=lin.params[k].shape)

    return {
        "sym_fd": pair(sym, fd, tols.fd),
        "bprop_sym": pair(sym, bp, tols.exact),
        "bprop_fd": pair(fd, bp, tols.fd),
    }


def structured(lin, x, name):
    mv = verify(lin, reference="Linear", x=x).results[0]
    return next(c for c in mv.jacobians if c.name == name), mv


@pytest.mark.parametrize(
    "make",
    [Linear, LinearTransposed, LinearFirstRowBias, LinearAccumulate, LinearUntransposed],
    ids=lambda c: c.__name__,
)
@pytest.mark.parametrize("seed", range(3))
def test_same_verdicts_and_worst_entries_as_the_dense_comparison(make, seed):
    rng = np.random.default_rng(seed)
    n_in, n_out, b_ = (int(v) for v in rng.integers(2, 6, 3))
    if make in (LinearTransposed, LinearUntransposed):  # these bugs need a square W to run
        n_out = n_in
    lin = make(n_in, n_out, rng=rng)
    lin.b[...] = rng.standard_normal(n_out)
    x = rng.standard_normal((b_, n_in)) * 2
    for k, name in enumerate("Wb"):
        got, _ = structured(lin, x, name)
        want = dense_pairs(lin, x, name, k)
        for pair in want:
            g, w = getattr(got, pair), want[pair]
            assert (g.passed, g.n_failed, g.n_entries) == (w.passed, w.n_failed, w.n_entries)
            if make is LinearAccumulate:  # its gradients depend on how many bprops came before
                continue
            assert g.max_abs_err == pytest.approx(w.max_abs_err, rel=1e-6, abs=1e-9)
            if not w.passed:  # the failing entries, worst first, are the same
                assert [e.abs_err for e in g.worst] == pytest.approx(
                    [e.abs_err for e in w.worst], rel=1e-6
                )
                assert {(e.row, e.col) for e in g.worst} == {
                    (e.row, e.col) for e in w.worst
                } or len({e.abs_err for e in w.worst}) < len(w.worst)  # ties may swap


def test_the_linear_uses_the_structured_path():
    lin = Linear(3, 4, rng=0)
    triples_used = verify(lin, batch=2).results[0]
    assert triples_used.passed
    from gradcheck.threeway.jacobians import module_triples

    triples = module_triples(lin, np.ones((2, 3)), _linear(), None)
    assert [type(t) for t in triples[1:]] == [SparseTriple, SparseTriple]


def _linear():
    from gradcheck.derivations import derive

    return derive("Linear")


@pytest.mark.parametrize(
    ("make", "tensor"),
    [
        (LinearTransposed, "W"),
        (LinearFirstRowBias, "b"),
        (LinearAccumulate, "W"),
        (LinearUntransposed, "x"),
    ],
)
def test_every_planted_linear_bug_fails_the_structured_path_at_real_size(make, tensor):
    rng = np.random.default_rng(0)
    lin = make(40, 40, rng=rng)
    mv = verify(lin, reference="Linear", batch=2).results[0]
    assert not mv.passed and mv.triage == "bprop"
    check = next(c for c in mv.jacobians if c.name == tensor)
    assert not check.passed and check.triage == "bprop"
    e = check.worst[0]
    assert e.symbolic == pytest.approx(e.fd, abs=1e-6) and e.bprop != pytest.approx(e.symbolic)


def test_worst_entries_name_the_right_weight():
    """grad_W transposed on a square W: the worst entry's three values, checked by hand."""
    rng = np.random.default_rng(1)
    lin = LinearTransposed(3, 3, rng=rng)
    x = rng.standard_normal((2, 3))
    check, _ = structured(lin, x, "W")
    e = check.worst[0]
    (b, k), (i, j) = e.row, e.col
    assert e.symbolic == (x[b, i] if j == k else 0.0)
    assert e.bprop == (x[b, j] if i == k else 0.0)  # grad_W = gᵀ x: entry (i, j) = g_bi x_bj
    assert e.fd == pytest.approx(e.symbolic, abs=1e-9)


def test_a_fprop_that_breaks_the_sparsity_is_measured_entry_by_entry():
    """Every output also moves with W[0, 0]: the groups' second measurement sees it."""

    class Leaky(Linear):
        def fprop(self, x):
            return super().fprop(x) + self.W[0, 0]

    rng = np.random.default_rng(2)
    lin = Leaky(3, 4, rng=rng)
    x = rng.standard_normal((2, 3))
    check, _ = structured(lin, x, "W")
    assert not check.sym_fd.passed and not check.bprop_fd.passed and check.bprop_sym.passed
    fd = dense_fd(lin, x, lin.W)
    bad = {(e.row, e.col) for e in check.sym_fd.worst}
    assert all(c == (0, 0) for _, c in bad)
    assert fd[1, 0] == pytest.approx(1.0, abs=1e-6)  # ∂y_01/∂W_00: the leak, measured


def test_memory_budget_refuses_before_allocating():
    with pytest.raises(GradcheckError, match=r"--memory-budget") as e:
        verify("Linear", size=784, memory_budget=1)
    assert "784 → 785" in str(e.value) and "\n" not in str(e.value)


def test_dense_jacobians_over_the_budget_are_refused():
    from gradcheck.modules import Sequential, Tanh

    net = Sequential(Linear(300, 300, rng=0), Tanh())
    with pytest.raises(GradcheckError, match=r"dense parameter Jacobians .* 90,300 parameter"):
        verify(net, batch=3, memory_budget=64)


@pytest.mark.parametrize("mb", [0, -5, "big", True])
def test_a_bad_budget_is_refused(mb):
    with pytest.raises(GradcheckError, match="memory budget must be a number of MB > 0"):
        verify("Tanh", memory_budget=mb)


def test_the_cli_refuses_in_one_line_with_exit_code_2(capsys):
    from gradcheck.cli import main

    code = main(["verify", "Tanh", "--size", "500", "--memory-budget", "1"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--memory-budget" in err and "Tanh at --size 500" in err
    assert "Traceback" not in err


def test_the_help_documents_size_per_builtin(capsys):
    from gradcheck.cli import main

    try:
        code = main(["verify", "--help"])
    except SystemExit as e:  # argparse's own exit
        code = e.code
    out = " ".join(capsys.readouterr().out.split())
    assert code == 0
    assert "Linear N → N+1" in out and "--memory-budget MB" in out
