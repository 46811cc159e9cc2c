"""The same output options on every command: --json (one envelope, schema 1), --format,
--output FILE (atomic), --no-color; a format a command cannot write is one line, exit 2."""

import importlib
import json
import re

import pytest

from gradcheck.cli import COMMANDS, command_parser, main

ENVELOPE = {"schema", "command", "ok", "result"}
ANSI = re.compile(r"\x1b\[")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_the_output_options_defined_once(name):
    parser = command_parser(name, importlib.import_module(f"gradcheck.commands.{name}"))
    options = [o for a in parser._actions for o in a.option_strings]
    for option in ("--debug", "--format", "--json", "--output", "--no-color"):
        assert options.count(option) == 1, option


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["list"], "list"),
        (["verify", "Tanh", "--size", "3"], "verify"),
        (["derive", "Tanh", "--size", "2"], "derive"),
        (["data", "cifar10"], "data"),
    ],
)
def test_every_commands_json_is_the_envelope(capsys, argv, command):
    code, out, err = run(capsys, *argv, "--json")
    data = json.loads(out)
    assert (code, err) == (0, "") and set(data) == ENVELOPE
    assert (data["schema"], data["command"], data["ok"]) == (1, command, True)
    assert data == json.loads(run(capsys, *argv, "--format", "json")[1])  # the same option


def test_the_json_results_hold_what_the_command_computed(capsys):
    from gradcheck.modules.registry import specs

    rows = json.loads(run(capsys, "list", "--json")[1])["result"]["rows"]
    assert [(r["name"], r["formula"]) for r in rows] == [
        (n, s.cls.formula) for n, s in specs().items()
    ]
    (d,) = json.loads(run(capsys, "derive", "Tanh", "--json")[1])["result"]["derivations"]
    assert d["name"] == "Tanh" and d["size"] == 3 and all(i["proved"] for i in d["identities"])
    # tanh' = 1 - y², on the diagonal at N = 3: the closed form, written out here
    diag = r" \\".join(
        " & ".join(f"1 - {{y}}_{{{k}}}^{{2}}" if j == k else "0" for j in range(3))
        for k in range(3)
    )
    assert d["steps"][-1]["latex"] == rf"\left[\begin{{matrix}}{diag}\end{{matrix}}\right]".replace(
        r" \\", r"\\"
    )


def test_a_failed_check_is_ok_false_with_the_result(tmp_path, capsys):
    from tests.threeway import students

    broken = students.write(tmp_path, students.SOFTMAX_NO_VS)
    code, out, _ = run(capsys, "verify", f"{broken}:MySoftMax", "--as", "SoftMax", "--json")
    data = json.loads(out)
    assert code == 1 and data["ok"] is False and data["result"]["passed"] is False
    assert "error" not in data


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["list", "--bogus"], "list"),
        (["derive", "Nope"], "derive"),
        (["data", "--use", "/no/such/folder"], "data"),
        (["train", "--epochs", "0"], "train"),
    ],
)
def test_every_commands_error_under_json_is_the_envelope(capsys, argv, command):
    code, out, err = run(capsys, *argv, "--json")
    data = json.loads(out)
    assert (code, err) == (2, "") and out.count("\n") == 1
    assert set(data) == {"schema", "command", "ok", "error"}
    assert (data["schema"], data["command"], data["ok"]) == (1, command, False)
    assert set(data["error"]) == {"message", "kind", "exit_code"}
    assert data["error"]["exit_code"] == 2 and data["error"]["message"]


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--latex"],
        ["verify", "Tanh", "--markdown"],
        ["data", "--format", "latex"],
        ["train", "--latex"],
    ],
)
def test_a_format_the_command_cannot_write_is_one_line_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert "error: expected a format" in err and ", got " in err


def test_two_formats_at_once_are_refused(capsys):
    code, out, err = run(capsys, "derive", "Tanh", "--latex", "--markdown")
    assert (code, out) == (2, "") and "not allowed with argument" in err


def test_output_writes_the_file_and_nothing_on_stdout(tmp_path, capsys):
    for argv, name in (
        (["verify", "Tanh", "--json"], "v.json"),
        (["list"], "l.txt"),
        (["derive", "Tanh", "--markdown"], "d.md"),
        (["derive", "Tanh"], "d.txt"),
    ):
        path = tmp_path / name
        code, out, err = run(capsys, *argv, "--output", str(path))
        assert (code, out, err) == (0, "", ""), argv
        text = path.read_text(encoding="utf-8")
        assert not ANSI.search(text)
    assert json.loads((tmp_path / "v.json").read_text())["result"]["results"][0]["module"] == "Tanh"
    assert "Tanh" in (tmp_path / "l.txt").read_text() and "$$" in (tmp_path / "d.md").read_text()
    assert "identities" in (tmp_path / "d.txt").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.md", "d.txt", "l.txt", "v.json"]


def test_text_and_no_color_have_no_escape_codes(capsys, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich would colour even a captured stdout
    assert ANSI.search(run(capsys, "verify", "Tanh", "--size", "2")[1])  # the check can fail
    for extra in (["--no-color"], ["--format", "text"]):
        assert not ANSI.search(run(capsys, "verify", "Tanh", "--size", "2", *extra)[1]), extra


def test_the_writer_writes_every_format_the_options_offer(tmp_path):
    from gradcheck.cli import ALL_FORMATS
    from gradcheck.derivations import derive
    from gradcheck.derivations.sheet import DerivationSet
    from gradcheck.report.write import render

    result = DerivationSet((derive("Tanh", 2),))
    texts = {fmt: render(result, fmt, "derive") for fmt in ALL_FORMATS}
    assert texts["latex"].startswith("\\documentclass") and "$$" in texts["markdown"]
    assert json.loads(texts["json"])["result"]["derivations"][0]["name"] == "Tanh"
    assert texts["rich"] == texts["text"] and "identities" in texts["text"]


@pytest.mark.parametrize("command", ["list", "verify", "derive", "train", "data"])
def test_help_shows_every_output_option_under_output(command, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    section = out[out.index("output (every command):") :]
    section = section.split("\n\n")[0]
    for option in ("--format", "--json", "--latex", "--markdown", "--output", "--no-color"):
        assert option in section, option
