"""Our plain-text statements (s_i, ∂ℓ/∂z_j, sᵀ, → 0⁺) as LaTeX that pdflatex sets: ASCII only.

Names with a subscript and the unicode math signs become inline math; everything else is text
with LaTeX's special characters escaped.

>>> tex_text("∂s_i/∂x_j = s_i δ_ij, as z → 0⁺ (50%)")
'$\\\\partial s_{i}$/$\\\\partial x_{j}$ = $s_{i}$ $\\\\delta_{ij}$, as $z \\\\to 0^{+}$ (50\\\\%)'
"""

from __future__ import annotations

import re

MATH = {
    "∂": r"\partial",
    "δ": r"\delta",
    "Σ": r"\sum",
    "ℓ": r"\ell",
    "→": r"\to",
    "·": r"\cdot",
    "ε": r"\varepsilon",
    "≠": r"\neq",
    "≤": r"\leq",
    "≥": r"\geq",
    "∘": r"\circ",
    "×": r"\times",
    "∞": r"\infty",
    "≈": r"\approx",
    "∈": r"\in",
    "⟨": r"\langle",
    "⟩": r"\rangle",
    "−": "-",
    "λ": r"\lambda",
    "α": r"\alpha",
    "η": r"\eta",
    "σ": r"\sigma",
    "⊙": r"\odot",
    "∇": r"\nabla",
    "<": "<",
    ">": ">",
    "|": "|",
    "√": r"\surd",
    "✓": r"\checkmark",
    "✗": r"\times",
    "•": r"\bullet",
}
SUPER = {"ᵀ": "T", "²": "2", "³": "3", "¹": "1", "⁺": "+", "⁻": "-", "ˣ": "x", "ⁿ": "n"}
TEXT = {
    "…": r"\ldots{}",
    "—": "---",
    "–": "--",
    "’": "'",
    "“": "``",
    "”": "''",
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **{c: "\\" + c for c in "&%$#_{}"},
}
LETTER = "A-Za-z" + "".join(c for c in MATH if c.isalpha())
POWER = re.compile(r"\^(\{[^}]*\}|\([^)]*\)|-?[A-Za-z0-9]+)")
LONE_SUB = re.compile(r"_([A-Za-z0-9]+)")
SUBSCRIPTED = re.compile(rf"([{LETTER}]+)_(\([^)]*\)|\{{[^}}]*\}}|[A-Za-z0-9]+)")


def tex_text(text: str) -> str:
    """text as LaTeX: subscripted names and math signs in $...$, the rest escaped."""
    text = text.replace("<=", "≤").replace(">=", "≥")
    tokens: list[tuple[bool, str]] = []  # (is math, LaTeX)
    at = 0
    while at < len(text):
        found = SUBSCRIPTED.match(text, at)
        if found:
            tokens.append((True, f"{_name(found[1])}_{{{_inner(found[2])}}}"))
            at = found.end()
            continue
        power = POWER.match(text, at)
        if power:
            tokens.append((True, f"^{{{_inner(power[1])}}}"))
            at = power.end()
            continue
        lone = LONE_SUB.match(text, at)
        if lone:  # softmax(z)_j: a subscript after a bracket
            tokens.append((True, f"_{{{lone[1]}}}"))
            at = lone.end()
            continue
        c = text[at]
        if text.startswith("--", at):  # --stable, not an en dash
            tokens.append((False, "-{}"))
            at += 1
            continue
        if c in SUPER:
            run = re.match(f"[{''.join(SUPER)}]+", text[at:])[0]
            tokens.append((True, "^{" + "".join(SUPER[a] for a in run) + "}"))
            at += len(run)
            continue
        tokens.append((True, MATH[c]) if c in MATH else (False, TEXT.get(c, c)))
        at += 1
    return _join(tokens)


def _name(name: str) -> str:
    """A subscripted name in math: Greek and signs as macros, max as \\max."""
    if name in ("max", "min", "ln", "exp", "log", "lim"):
        return "\\" + name
    return " ".join(MATH.get(c, c) for c in name) if any(c in MATH for c in name) else name


def _inner(sub: str) -> str:
    """A subscript's content: parentheses and braces dropped, signs as macros."""
    sub = sub[1:-1] if sub[:1] in "({" else sub
    sub = re.sub(
        f"[{''.join(SUPER)}]+", lambda r: "^{" + "".join(SUPER[a] for a in r[0]) + "}", sub
    )
    return _spaced([MATH.get(c, c) for c in sub])


def _join(tokens) -> str:
    """Adjacent math tokens in one $...$; math separated by spaces or digits alone kept in it."""
    out, math = [], []
    for k, (is_math, tex) in enumerate(tokens):
        glue = not is_math and tex in " 0123456789.+-=" and math and _next_math(tokens, k)
        if is_math or glue:
            math.append(tex)
            continue
        if math:
            out.append("$" + _spaced(math) + "$")
            math = []
        out.append(tex)
    if math:
        out.append("$" + _spaced(math) + "$")
    return "".join(out)


def _next_math(tokens, k: int) -> bool:
    """Whether a math token follows k after only spaces, digits and signs."""
    for is_math, tex in tokens[k + 1 :]:
        if is_math:
            return True
        if tex not in " 0123456789.+-=":
            return False
    return False


def _spaced(pieces: list[str]) -> str:
    """Math pieces joined, a space after a macro so that \\partial s never reads \\partials."""
    out = ""
    for p in pieces:
        if out and re.search(r"\\[A-Za-z]+$", out) and re.match(r"[A-Za-z0-9]", p):
            out += " "
        out += p
    return out.replace("  ", " ")
