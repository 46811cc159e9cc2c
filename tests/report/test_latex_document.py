"""`derive --all --latex` compiles with plain pdflatex, no overfull box; broken variants do not."""

import re

import pytest

from gradcheck.cli import main
from gradcheck.derivations import derive, names
from gradcheck.report import latex
from gradcheck.report.pretty import distinct
from gradcheck.report.tex import tex_text
from tests.report.pdflatex import compile_tex

QUESTIONS = ("1a", "1b", "1c", "1d", "2", "3a", "4a", "4b", "4c", "4d", "4e")


@pytest.fixture(scope="module")
def document():
    return latex.document([derive(n) for n in names()])


def test_the_whole_sheet_compiles_without_an_overfull_box(document, tmp_path):
    code, log = compile_tex(document, tmp_path)
    assert code == 0, log[-2000:]
    assert "Overfull" not in log
    assert (tmp_path / "doc.pdf").stat().st_size > 10_000


def test_one_module_compiles_too(tmp_path, capsys):
    assert main(["derive", "CrossEntropy", "--latex"]) == 0
    code, log = compile_tex(capsys.readouterr().out, tmp_path)
    assert code == 0 and "Overfull" not in log


def test_a_raw_unicode_symbol_fails_the_compile(tmp_path):
    """The planted bug of the issue: ℓ left in the text stops pdflatex."""
    code, log = compile_tex(
        latex.document([derive("CrossEntropyLog")]).replace("$\\ell", "$ℓ", 1), tmp_path
    )
    assert code != 0 and "Unicode character" in log


def test_a_matrix_without_fit_is_reported_overfull(document, tmp_path):
    """Without shrinking, the wide matrices run off the page: the check sees it."""
    doc = document.replace("\\resizebox{\\linewidth}{!}{\\usebox{\\fitbox}}", "\\usebox{\\fitbox}")
    code, log = compile_tex(doc, tmp_path)
    assert code == 0 and "Overfull" in log


def test_document_is_ascii_with_text_not_comments(document):
    assert document.isascii()
    assert document.startswith("\\documentclass") and document.rstrip().endswith("\\end{document}")
    body = document.split("\\begin{document}")[1]
    assert not [line for line in body.splitlines() if line.startswith("%")]
    assert "proved \\textbf{1a}: softmax Jacobian" in body


def test_question_numbers_are_section_titles_in_the_sheets_order(document):
    titles = re.findall(r"\\section\*\{([0-9a-z]+)\\quad", document)
    assert list(dict.fromkeys(titles)) == list(QUESTIONS)


def test_identity_1a_shows_two_different_sides(document):
    ident = derive("SoftMax").identity("1a")
    shown = [latex.latex(e) for e in ident.chain]
    assert len(set(shown)) == len(shown) == 3
    assert "\\delta_{i j}" in shown[2] and "{s}_{j}" in shown[2] and "e^" not in shown[2]


SHEET = (
    "1a",
    "1b",
    "1c",
    "1d",
    "3a",
    "4a",
    "4b",
    "4c",
    "4d",
    "composite-ce",
    "composite-ce-log",
    "linear-dx",
    "linear-dW",
    "linear-db",
    "relu",
    "4a-step",
    "1c-batch",
    "log-softmax-exp",
)


def test_no_identity_of_the_sheet_prints_the_same_expression_twice():
    """The bug of 1a: both sides evaluated to the same print, shown as a = a. Now a = b."""
    seen = set()
    for name in names():
        d = derive(name)
        for ident in d.identities + tuple(i for a in d.answers for i in a.identities):
            if ident.key in SHEET:
                shown = [latex.latex(e) for e in distinct(ident.chain)]
                assert len(shown) >= 2 and shown[0] != shown[-1], (ident.key, shown)
                seen.add(ident.key)
    assert seen == set(SHEET)


def test_a_chain_whose_sides_print_alike_is_shown_once():
    ident = derive("CrossEntropy").identity("1c-matrix")
    assert latex.latex(ident.lhs) == latex.latex(ident.rhs)
    assert latex.chain(ident.chain).count("\\display") == 1


def test_tex_text_maps_unicode_to_macros():
    assert tex_text("∂ℓ/∂z_j → 0⁺, sᵀ, 1 - y²") == (
        "$\\partial\\ell$/$\\partial z_{j} \\to 0^{+}$, s$^{T}$, 1 - y$^{2}$"
    )
    assert tex_text("50% of a_b & {c}") == "50\\% of $a_{b}$ \\& \\{c\\}"


def test_output_file_is_written(tmp_path, capsys):
    out = tmp_path / "sheet" / "answers.tex"
    assert main(["derive", "--all", "--latex", "--output", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text().startswith("\\documentclass")
    assert [p.name for p in out.parent.iterdir()] == ["answers.tex"]


def test_markdown_uses_mathjax_delimiters(capsys):
    assert main(["derive", "SoftMax", "--markdown"]) == 0
    out = capsys.readouterr().out
    assert "## 1a. The softmax Jacobian" in out and "## 4a." in out
    assert out.count("$$") % 2 == 0 and "\\frac" in out and "\\fit" not in out


@pytest.mark.parametrize(
    "argv", [["derive"], ["derive", "Tanh", "--all"], ["derive", "Tanh", "--latex", "--markdown"]]
)
def test_name_or_all_is_required(argv, capsys):
    assert main(argv) == 2
    assert "derive" in capsys.readouterr().err


def test_missing_pdflatex_fails_in_ci_and_skips_elsewhere(monkeypatch):
    from tests.report import pdflatex

    monkeypatch.setattr(pdflatex.shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="texlive-latex-base"):
        pdflatex.require_pdflatex()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="pdflatex not found"):
        pdflatex.require_pdflatex()
