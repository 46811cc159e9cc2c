"""`gradcheck verify` and `gradcheck derive` through main([...]), plus one real subprocess."""

import json
import subprocess
import sys

import pytest

from gradcheck.cli import main
from gradcheck.modules.registry import names
from tests.threeway import students


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_verify_one_builtin(capsys):
    code, out, err = run(capsys, "verify", "SoftMax", "--no-color")
    assert code == 0 and err == ""
    assert "SoftMax ✓ PASS" in out and "bprop vs symbolic" in out and "\x1b[" not in out


def test_verify_all(capsys):
    code, out, _ = run(capsys, "verify", "--all", "--seed", "3", "--batch", "2")
    assert code == 0
    assert all(f"{name} ✓ PASS" in out for name in names())


def test_verify_json_is_the_result_and_nothing_else(capsys):
    code, out, _ = run(
        capsys, "verify", "Tanh", "Linear", "--json", "--dtype", "float32", "--size", "3"
    )
    data = json.loads(out)["result"]
    assert code == 0 and data["passed"] is True
    assert [r["module"] for r in data["results"]] == ["Tanh", "Linear"]
    assert data["results"][1]["shape"] == [3, 4] and data["results"][0]["dtype"] == "float32"


def test_demo_bugs_catches_every_bug(capsys):
    code, out, _ = run(capsys, "verify", "--demo-bugs")
    assert code == 0
    assert "planted bugs caught with the expected triage" in out
    assert "softmax-no-vs" in out and "tanh-is-sigmoid" in out and "relu-leaky" in out


def test_demo_bugs_json(capsys):
    code, out, _ = run(capsys, "verify", "--demo-bugs", "--json")
    data = json.loads(out)["result"]
    assert code == 0 and data["caught"] is True and len(data["bugs"]) >= 10


def test_a_correct_student_file(tmp_path, capsys):
    path = students.write(tmp_path, students.LINEAR)
    code, out, _ = run(capsys, "verify", f"{path}:MyLinear", "--as", "Linear", "--args", "3", "2")
    assert code == 0 and "student.py:MyLinear ✓ PASS" in out and "symbolic Linear" in out


def test_a_broken_student_file_exits_1_with_the_triage(tmp_path, capsys):
    path = students.write(tmp_path, students.SOFTMAX_NO_VS)
    code, out, _ = run(capsys, "verify", f"{path}:MySoftMax", "--as", "SoftMax")
    assert code == 1
    assert "bprop is wrong: the symbolic Jacobian and finite differences agree" in out
    assert "worst entries of x" in out


@pytest.mark.parametrize(
    ("source", "spec", "message"),
    [
        (students.SYNTAX_ERROR, "Broken", "syntax error"),
        (students.RAISES_AT_IMPORT, "Fine", "raised ZeroDivisionError at import"),
        (students.SOFTMAX, "Nope", "has no class Nope"),
        (students.NO_BPROP, "Half", "has no backward method"),
    ],
)
def test_broken_files_exit_2_with_one_line(tmp_path, capsys, source, spec, message):
    path = students.write(tmp_path, source)
    code, out, err = run(capsys, "verify", f"{path}:{spec}")
    assert code == 2 and out == ""
    assert err.startswith("gradcheck verify: error: ") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["verify"], "expected NAME"),
        (["verify", "Softmax"], "got 'Softmax'"),
        (["verify", "--all", "Tanh"], "not both"),
        (["verify", "--demo-bugs", "Tanh"], "expected no NAME"),
        (["verify", "--demo-bugs", "--batch", "1"], "needs --batch >= 2"),
        (["verify", "Tanh", "--as", "Nope"], "--as expects a built-in"),
        (["derive", "Nope"], "no derivation for 'Nope'"),
        (["derive", "SoftMax", "--size", "9"], "--size: expected an integer from 2 to 6, got '9'"),
    ],
)
def test_usage_errors_exit_2(capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err


def test_argparse_errors_exit_2_with_one_line(capsys):
    code, out, err = run(capsys, "verify", "Tanh", "--dtype", "float16")
    assert (code, out) == (2, "")
    assert err.startswith("gradcheck verify: error: argument --dtype: invalid choice: 'float16'")
    assert err.count("\n") == 1


def test_derive_pretty(capsys):
    code, out, _ = run(capsys, "derive", "Tanh", "--size", "2", "--no-color")
    assert code == 0
    assert "1. definition" in out and "identities" in out and "✓" in out and "⎡" in out


def test_derive_latex(capsys):
    code, out, _ = run(capsys, "derive", "SoftMax", "--latex")
    assert code == 0 and out.startswith("\\documentclass")
    assert "\\section*{1a\\quad The softmax Jacobian}" in out and out.isascii()


def test_the_installed_command_prints_json():
    out = subprocess.run(
        [sys.executable, "-m", "gradcheck", "verify", "ReLU", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["result"]["results"][0]["module"] == "ReLU"


def test_args_build_a_builtin_linear_and_are_refused_elsewhere(capsys):
    from gradcheck.cli import main

    assert main(["verify", "Linear", "--args", "6", "3", "--json"]) == 0
    import json

    assert json.loads(capsys.readouterr().out)["result"]["results"][0]["shape"] == [6, 3]
    assert main(["verify", "SoftMax", "--args", "3"]) == 2
    assert "SoftMax takes no constructor arguments" in capsys.readouterr().err
