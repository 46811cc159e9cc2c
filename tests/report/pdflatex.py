"""Compile a LaTeX document with plain pdflatex; skip (or fail in CI) where it is missing."""

import os
import shutil
import subprocess

import pytest


def require_pdflatex() -> str:
    """pdflatex's path; where it is missing, FAIL under CI=true, else skip with the reason."""
    path = shutil.which("pdflatex")
    if path is None:
        why = (
            "pdflatex not found: install Debian's texlive-latex-base "
            "(.ci/run does: apt-get install texlive-latex-base)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)
    return path


def compile_tex(tex: str, folder) -> tuple[int, str]:
    """pdflatex -halt-on-error on tex in folder: (exit code, the .log's text)."""
    (folder / "doc.tex").write_text(tex, encoding="utf-8")
    done = subprocess.run(
        [require_pdflatex(), "-halt-on-error", "-interaction=nonstopmode", "doc.tex"],
        cwd=folder,
        capture_output=True,
        timeout=300,
        check=False,
    )
    log = (
        (folder / "doc.log").read_text(encoding="latin-1")
        if (folder / "doc.log").exists()
        else done.stdout.decode("latin-1")
    )
    return done.returncode, log
