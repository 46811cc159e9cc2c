"""For students' own pytest tests: assert_gradients(module) fails with the worst entries.

from gradcheck.testing import assert_gradients

def test_my_softmax():
    assert_gradients(MySoftMax(), reference="SoftMax")
"""

from __future__ import annotations


def assert_gradients(
    module, x=None, *, seed: int = 0, reference: str | None = None, t=None, **options
):
    """verify(module) three ways; AssertionError with the worst entries if anything disagrees.

    module: an instance (or a built-in name, or "file.py:Class"); x: the input batch (B, N),
    default seeded random; reference: the built-in whose symbolic Jacobian is the reference
    (default: the built-in the module derives from, if any); t: a criterion's target; options:
    dtype, batch, size, step, args, as for gradcheck.threeway.verify. Returns the report.
    """
    __tracebackhide__ = True  # pytest shows the caller's line, not this one
    from gradcheck.report.display import install
    from gradcheck.threeway import verify

    install()  # the report returned displays itself, as gradcheck.verify's

    report = verify(module, x=x, t=t, seed=seed, reference=reference, **options)
    if not report.passed:
        from gradcheck.report.text import failure_text

        raise AssertionError(failure_text(report))
    return report
