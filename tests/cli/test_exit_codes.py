"""Exit codes, one meaning each; argparse errors, internal errors and Ctrl-C as one line;
errors under --json as one JSON object; a closed stdout stops quietly."""

import importlib
import json
import subprocess
import sys

import pytest

from gradcheck.cli import COMMANDS, build_parser, command_parser, main
from gradcheck.commands import list as list_command
from tests.threeway import students


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_pass_fail_and_bad_input_have_their_own_codes(tmp_path, capsys):
    assert run(capsys, "verify", "Tanh")[0] == 0
    broken = students.write(tmp_path, students.SOFTMAX_NO_VS)
    assert run(capsys, "verify", f"{broken}:MySoftMax", "--as", "SoftMax")[0] == 1
    assert run(capsys, "verify", "Nope")[0] == 2


def test_help_and_version_return_0_and_the_help_lists_every_exit_code(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for line in (
        "0    every check passed",
        "1    a check failed",
        "2    usage or input error",
        "3    internal error",
        "130  interrupted",
        "141  stdout closed early",
    ):
        assert line in out
    assert run(capsys, "--version")[:2] == (0, "gradcheck 0.1.0\n")
    assert run(capsys, "verify", "--help")[0] == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["--bogus"],
        ["--bogus", "list"],
        ["list", "--bogus"],
        ["verify", "Tanh", "--bogus"],
        ["derive", "Tanh", "--bogus"],
        ["train", "--bogus"],
    ],
)
def test_an_unknown_option_is_one_line_naming_it(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert "error: unrecognized arguments: --bogus (see gradcheck" in err
    assert err.count("\n") == 1 and "usage:" not in err


def test_debug_is_defined_once_and_accepted_before_or_after_the_command(capsys):
    for name in COMMANDS:  # argparse refuses an option defined twice: building would raise
        parser = command_parser(name, importlib.import_module(f"gradcheck.commands.{name}"))
        assert [a.dest for a in parser._actions if "--debug" in a.option_strings] == ["debug"]
    assert build_parser().parse_known_args(["--debug"])[0].debug is True
    assert run(capsys, "--debug", "list")[0] == 0 and run(capsys, "list", "--debug")[0] == 0


def crash(args):
    return {}["no such key"]


def test_an_internal_error_is_one_line_with_code_3(capsys, monkeypatch):
    monkeypatch.setattr(list_command, "run", crash)
    code, out, err = run(capsys, "list")
    assert (code, out) == (3, "")
    assert err.startswith("gradcheck: internal error: KeyError: 'no such key' (at ")
    assert "test_exit_codes.py:" in err and "run with --debug for the traceback" in err
    assert err.count("\n") == 1


def test_debug_shows_the_traceback_and_keeps_the_code(capsys, monkeypatch):
    monkeypatch.setattr(list_command, "run", crash)
    code, _, err = run(capsys, "--debug", "list")
    assert code == 3 and err.startswith("Traceback (most recent call last):")
    assert err.rstrip().endswith("run with --debug for the traceback)")


def test_ctrl_c_is_130(capsys, monkeypatch):
    def interrupt(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(list_command, "run", interrupt)
    assert run(capsys, "list") == (130, "", "gradcheck list: interrupted\n")


def test_ctrl_c_under_json_is_a_json_object(capsys, monkeypatch):
    import gradcheck.threeway

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(gradcheck.threeway, "verify_many", interrupt)
    code, out, err = run(capsys, "verify", "Tanh", "--json")
    assert code == 130 and err == ""
    assert json.loads(out) == {
        "schema": 1,
        "command": "verify",
        "ok": False,
        "error": {"message": "interrupted", "exit_code": 130, "kind": "interrupted"},
    }


def test_a_closed_stdout_at_start_is_no_crash():
    out = subprocess.run(
        f"{sys.executable} -m gradcheck list >&-",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (out.returncode, out.stderr) == (0, "")


def json_only(out: str, err: str) -> dict:
    assert err == ""
    assert out.count("\n") == 1
    return json.loads(out)


@pytest.mark.parametrize(
    ("argv", "kind", "message"),
    [
        (["verify", "Nope", "--json"], "input", "got 'Nope'"),
        (["verify", "Tanh", "--json", "--seed", "-1"], "usage", "argument --seed"),
        (["verify", "--json", "Tanh", "--bogus"], "usage", "unrecognized arguments: --bogus"),
    ],
)
def test_errors_under_json_are_one_json_object_on_stdout(capsys, argv, kind, message):
    code, out, err = run(capsys, *argv)
    data = json_only(out, err)
    assert (data["schema"], data["command"], data["ok"]) == (1, "verify", False)
    error = data["error"]
    assert code == 2 and error["exit_code"] == 2 and error["kind"] == kind
    assert message in error["message"] and "result" not in data


def test_an_internal_error_under_json_is_json_too(capsys, monkeypatch):
    import gradcheck.threeway

    monkeypatch.setattr(gradcheck.threeway, "verify_many", lambda *a, **k: crash(None))
    code, out, err = run(capsys, "verify", "Tanh", "--json")
    error = json_only(out, err)["error"]
    assert code == 3 == error["exit_code"] and error["kind"] == "internal"
    assert error["message"].startswith("internal error: KeyError")


def test_a_closed_stdout_stops_quietly():
    """`gradcheck verify --all --json | head -c0`: the reader is gone before the output."""
    p = subprocess.Popen(
        [sys.executable, "-m", "gradcheck", "verify", "--all", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    p.stdout.close()
    with p.stderr:
        err = p.stderr.read().decode()
    assert p.wait(timeout=120) == 141
    assert err == ""
