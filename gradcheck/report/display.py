"""How results show themselves in a rich console and in Jupyter, installed from outside.

The result types are plain data and import no renderer; install() gives them rich's protocol
(`console.print(report)`) and Jupyter's `_repr_mimebundle_`. The public entry points call it:
gradcheck.verify, gradcheck.derive (gradcheck/__init__.py) and gradcheck.testing.
"""

from __future__ import annotations


def install() -> None:
    """Teach VerifyReport and Derivation to display themselves (idempotent)."""
    from gradcheck.derivations.base import Derivation
    from gradcheck.threeway.result import VerifyReport

    VerifyReport.__rich_console__ = _rich_console
    VerifyReport._repr_mimebundle_ = _report_bundle
    Derivation._repr_mimebundle_ = _derivation_bundle


def _rich_console(self, console, options):
    from gradcheck.report.render import rich

    yield rich(self)


def _report_bundle(self, include=None, exclude=None) -> dict:
    """Jupyter: the report once, as HTML and plain text (nothing else asks rich for more)."""
    from gradcheck.report.console import html, plain_text
    from gradcheck.report.render import rich

    return {"text/plain": plain_text(rich(self)), "text/html": html(rich(self))}


def _derivation_bundle(self, include=None, exclude=None) -> dict:
    """Jupyter: the formulas (Markdown with MathJax), not the dataclass's fields."""
    from gradcheck.report.markdown import sections

    return {"text/plain": repr(self), "text/markdown": sections([self])}
