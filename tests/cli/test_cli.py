"""The CLI through main([...]), plus one run of the installed `gradcheck` script."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gradcheck.cli import main
from gradcheck.modules.registry import names


def test_help_lists_the_commands(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "usage: gradcheck" in out and "list" in out


def test_list_shows_every_builtin_with_its_formula(capsys):
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(names())
    assert any("exp(x_i) / Σ_j exp(x_j)" in line for line in lines)
    assert any("-Σ_i t_i ln z_i" in line for line in lines)


def test_unknown_command_is_a_usage_error(capsys):
    assert main(["frobnicate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gradcheck: error: argument COMMAND: invalid choice: 'frobnicate'")
    assert err.count("\n") == 1


def test_cli_import_does_not_load_sympy_or_rich():
    code = "import gradcheck.cli, sys; print('sympy' in sys.modules, 'rich' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def installed_script() -> str:
    script = Path(sys.executable).with_name("gradcheck")
    found = str(script) if script.exists() else shutil.which("gradcheck")
    if found is None:
        pytest.fail("the `gradcheck` script is not installed: run `pip install -e .[test]`")
    return found


def test_installed_script_runs():
    t0 = time.perf_counter()
    out = subprocess.run(
        [installed_script(), "list"], check=False, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0 and "SoftMax" in out.stdout, out.stderr
    assert time.perf_counter() - t0 < 30


def test_python_dash_m_works_like_the_script():
    out = subprocess.run(
        [sys.executable, "-m", "gradcheck", "--help"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0 and "usage: gradcheck" in out.stdout
