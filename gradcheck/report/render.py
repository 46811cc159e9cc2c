"""Which renderer reads which result type: rich renderables, JSON data, documents.

Keyed by the result's class name and imported on first use, so that a command loads only the
renderer it needs (and the computation packages never import this one).
"""

from __future__ import annotations

import importlib

RICH = {  # result type -> "module:function" returning a rich renderable
    "VerifyReport": "gradcheck.report.verification:render_report",
    "BugDemo": "gradcheck.report.bugs:render_bugs",
    "DerivationSet": "gradcheck.report.derivation:render_derivations",
    "Listing": "gradcheck.report.listing:render_listing",
    "Inventory": "gradcheck.report.data:render_inventory",
    "DataFolderSet": "gradcheck.report.data:render_folder_set",
    "TrainSummary": "gradcheck.report.train:render_summary",
}
JSON = {  # result types whose JSON is not their plain fields (SymPy expressions: as LaTeX)
    "DerivationSet": "gradcheck.report.derivation:derivations_dict",
}
DOCUMENTS = {
    "latex": "gradcheck.report.latex:document",
    "markdown": "gradcheck.report.markdown:document",
}


def rich(result):
    """result as a rich renderable."""
    return _function(RICH, type(result).__name__)(result)


def json_of(result):
    """result as JSON-safe data."""
    from gradcheck.serialize import plain

    name = type(result).__name__
    return plain(_function(JSON, name)(result) if name in JSON else result)


def document(result, fmt: str) -> str:
    """A derivation set as a LaTeX or Markdown document."""
    return _function(DOCUMENTS, fmt)(result.derivations)


def _function(table: dict, key: str):
    module, _, name = table[key].partition(":")
    return getattr(importlib.import_module(module), name)
