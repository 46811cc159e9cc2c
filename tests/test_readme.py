"""The README says what the code is: its Layout block against the tree, its worked example
against the file it quotes."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def block(text: str, heading: str) -> str:
    """The first fenced block after a heading."""
    after = text[text.index(heading) :]
    return after.split("```", 2)[1].split("\n", 1)[1]


def layout_problems(layout: str, root: Path) -> list[str]:
    """What the Layout block gets wrong about the tree at root: an entry or a file it names that
    does not exist, a package or top-level module of gradcheck it does not describe (a top-level
    module is described by its own entry, or in the line of another top-level module's)."""
    problems, entry, top = [], "", set()
    for line in layout.splitlines():
        if line and not line[0].isspace():
            entry = line.split()[0]
            if not (root / entry).exists():
                problems.append(f"entry {entry} does not exist")
        folder = root / entry if entry.endswith("/") else root / "gradcheck"
        for name in re.findall(r"\b([a-z_]+\.py)\b", line[25:]):
            if not (folder / name).exists():
                problems.append(f"{name} (under {entry}) does not exist")
            elif entry.startswith("gradcheck/") and not entry.endswith("/"):
                top.add(name)
        if entry.startswith("gradcheck/") and not entry.endswith("/"):
            top.add(entry.removeprefix("gradcheck/"))
    for path in sorted((root / "gradcheck").iterdir()):
        if path.name.startswith("__") or path.name == "py.typed":
            continue
        if path.is_dir() and (path / "__init__.py").exists():
            if f"gradcheck/{path.name}/" not in layout:
                problems.append(f"gradcheck/{path.name}/ is not in the layout")
        elif path.suffix == ".py" and path.name not in top:
            problems.append(f"gradcheck/{path.name} is not in the layout")
    return problems


def test_the_layout_block_matches_the_tree():
    assert layout_problems(block(README.read_text(encoding="utf-8"), "## Layout"), ROOT) == []


def test_the_layout_check_sees_a_ghost_entry_a_ghost_file_and_a_missing_package():
    layout = block(README.read_text(encoding="utf-8"), "## Layout")
    ghost = layout + "gradcheck/plugins/       plug-ins (loader.py)\n"
    missing = "\n".join(line for line in layout.splitlines() if "gradcheck/train/" not in line)
    renamed = layout.replace("(mistakes.py)", "(mistake.py)")
    untold = layout.replace("; exitcodes.py: the exit codes", "")
    assert "entry gradcheck/plugins/ does not exist" in layout_problems(ghost, ROOT)
    assert "gradcheck/train/ is not in the layout" in layout_problems(missing, ROOT)
    assert any("mistake.py" in p for p in layout_problems(renamed, ROOT))
    assert "gradcheck/exitcodes.py is not in the layout" in layout_problems(untold, ROOT)


def quoted_lines(snippet: str) -> list[str]:
    """The snippet's code lines, without the elisions ('# ...') and blank lines."""
    return [ln for ln in snippet.splitlines() if ln.strip() and not ln.startswith("# ...")]


def in_order(lines: list[str], source: str) -> bool:
    """Each line appears in source (as a whole line), after the previous one."""
    rest = source.splitlines()
    for line in lines:
        if line not in rest:
            return False
        rest = rest[rest.index(line) + 1 :]
    return True


def test_the_worked_example_quotes_sigmoid_py_as_it_is():
    text = README.read_text(encoding="utf-8")
    snippet = block(text, "### Adding a module: Sigmoid")
    source = (ROOT / "gradcheck/modules/sigmoid.py").read_text(encoding="utf-8")
    lines = quoted_lines(snippet)
    assert len(lines) > 20 and in_order(lines, source)
    # a quote that has drifted from the file fails
    drifted = [ln.replace("y * (1 - y)", "self.y * (1 - self.y)") for ln in lines]
    assert not in_order(drifted, source)
