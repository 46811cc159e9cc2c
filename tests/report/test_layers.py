"""Computation never imports the report layer; results show themselves once installed."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "gradcheck"
# the renderers, the CLI, and the public entry points that install the display hooks
ALLOWED = ("report/", "commands/", "cli.py", "__init__.py", "testing.py")
KNOWN: list[str] = []  # none left: the download reports through data.DownloadProgress


def imports_of(source: str) -> set[str]:
    """Every module named by an import statement (also inside functions)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def offenders(files) -> list[str]:
    """Files (relative name, source) that import gradcheck.report or rich."""
    return [
        name
        for name, source in files
        if any(m.startswith(("gradcheck.report", "rich")) for m in imports_of(source))
    ]


def test_no_computation_module_imports_a_renderer_or_rich():
    files = [
        (str(p.relative_to(PACKAGE)), p.read_text(encoding="utf-8")) for p in PACKAGE.rglob("*.py")
    ]
    computation = [(n, s) for n, s in files if not (n.startswith(ALLOWED[:2]) or n in ALLOWED[2:])]
    assert len(computation) > 50  # the scan sees the package
    assert offenders(computation) == KNOWN


def test_the_scan_finds_a_lazy_import_inside_a_method():
    planted = "class R:\n    def f(self):\n        from gradcheck.report.serialize import to_json\n"
    assert offenders([("threeway/result.py", planted)]) == ["threeway/result.py"]


def test_importing_the_computation_loads_no_renderer():
    code = (
        "import sys, gradcheck.threeway, gradcheck.derivations, gradcheck.train, "
        "gradcheck.checker, gradcheck.data.inventory; gradcheck.threeway.verify('Tanh'); "
        "print(sorted(m for m in sys.modules if m.startswith(('gradcheck.report', 'rich'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"
