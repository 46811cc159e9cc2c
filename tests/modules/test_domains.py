"""Input domains: the named ones draw what they say, a module's own draw function is checked,
and a module with its own domain is one file that verify, derive, list and the bug demo read."""

import sys
from pathlib import Path

import numpy as np
import pytest

import gradcheck.modules as package
from gradcheck.cli import main
from gradcheck.derivations import derive
from gradcheck.errors import GradcheckError
from gradcheck.modules import registry
from gradcheck.modules.domains import draw
from gradcheck.threeway import verify

EXTRA = Path(__file__).parent / "extra"


def test_the_named_domains_draw_what_they_say():
    rng = np.random.default_rng(0)
    x = draw("normal", rng, 50, 6, np.float32)
    assert x.shape == (50, 6) and x.dtype == np.float32 and (x < 0).any() and (x > 0).any()
    p = draw("probabilities", rng, 50, 6, np.float64)
    assert np.allclose(p.sum(axis=1), 1, atol=1e-12) and p.min() >= 0.2 / 6
    logp = draw("log-probabilities", rng, 50, 6, np.float64)
    assert np.allclose(np.exp(logp).sum(axis=1), 1, atol=1e-12) and (logp < 0).all()


@pytest.mark.parametrize(
    ("returns", "message"),
    [
        (lambda rng, b, n, dtype: np.zeros((b, n + 1)), r"must return \(3, 4\) floats, got"),
        (lambda rng, b, n, dtype: np.zeros((b, n), int), r"must return \(3, 4\) floats, got int"),
        (lambda rng, b, n, dtype: [[0.0] * n] * b, r"must return \(3, 4\) floats, got list"),
        (lambda rng, b, n, dtype: np.full((b, n), np.inf), "must return finite inputs"),
    ],
)
def test_a_draw_function_that_returns_something_else_is_one_error(returns, message):
    with pytest.raises(GradcheckError, match=message):
        draw(returns, np.random.default_rng(0), 3, 4, np.float64)


def test_an_unknown_domain_name_is_one_error():
    with pytest.raises(GradcheckError, match="one of normal, probabilities, log-probabilities"):
        draw("positive", np.random.default_rng(0), 3, 4, np.float64)


@pytest.fixture
def log_module():
    """tests/modules/extra/log.py as if it were a file of gradcheck/modules."""
    package.__path__.append(str(EXTRA))
    registry.specs.cache_clear()
    yield registry.spec("Log")
    package.__path__.remove(str(EXTRA))
    sys.modules.pop("gradcheck.modules.log", None)
    registry.specs.cache_clear()


def test_a_module_with_its_own_domain_is_read_from_its_file(log_module):
    x = draw(log_module.domain, np.random.default_rng(0), 20, 5, np.float64)
    assert (x >= 0.5).all() and (x < 3).all()
    # its derivation, from the formula: the Jacobian of ln x is diag(1/x), written here
    row = x[0]
    assert np.allclose(derive("Log").jacobians(row)["x"], np.diag(1 / row), rtol=1e-12)
    report = verify("Log", seed=1, batch=4)
    assert report.passed and report.results[0].triage == "ok"
    assert "log-over-x-squared" in [b.key for b in registry.bugs()]


def test_its_planted_bug_fails_and_the_commands_list_and_derive_it(log_module, capsys):
    bug = next(b for b in log_module.bugs if b.key == "log-over-x-squared")
    found = verify(bug.make(4, np.random.default_rng(0)), reference="Log").results[0]
    assert not found.passed and found.triage == "bprop"
    assert main(["list", "--no-color"]) == 0 and "y_i = ln x_i" in capsys.readouterr().out
    assert main(["derive", "Log", "--no-color"]) == 0


def test_drawn_on_the_normal_domain_instead_the_same_module_does_not_pass(log_module, monkeypatch):
    """The domain is what makes the check possible: ln of a negative input is no input."""
    from dataclasses import replace

    normal = {**registry.specs(), "Log": replace(log_module, domain="normal")}
    monkeypatch.setattr(registry, "specs", lambda: normal)
    try:
        passed = verify("Log", seed=1, batch=4).passed
    except (GradcheckError, RuntimeWarning):
        passed = False
    assert not passed
