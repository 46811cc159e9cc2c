"""The exercise's questions, in its order, and which steps, identities, answers answer each.

A plain table: each derivation's steps (by position) and identities (by key) belong to exactly
one question, so a write-up in question order shows every one of them once.
"""

from __future__ import annotations

from dataclasses import dataclass

ALL = None  # every step / identity of the derivation not claimed by another question


@dataclass(frozen=True)
class Question:
    """One question of the exercise and the parts of one derivation that answer it."""

    number: str  # "1a", ..., "4e"; "" for a module the sheet does not ask about
    title: str
    name: str  # the derivation
    steps: tuple[int, ...] | None = ALL  # positions in Derivation.steps
    identities: tuple[str, ...] | None = ALL  # Identity keys
    answers: tuple[str, ...] = ()  # Answer keys


QUESTIONS = (
    Question(
        "1a",
        "The softmax Jacobian",
        "SoftMax",
        (0, 1, 2, 3, 4),
        ("1a", "1a-matrix", "softmax-symmetric", "softmax-rows"),
    ),
    Question("1b", "The softmax bprop", "SoftMax", (5,), ("1b",)),
    Question(
        "1c",
        "The cross-entropy gradient",
        "CrossEntropy",
        (0, 1, 2, 3),
        ("1c", "1c-matrix"),
        ("1c",),
    ),
    Question("1d", "What could go wrong, and when?", "CrossEntropy", (4,), ("1d",), ("1d",)),
    Question("2", "The linear layer: gradients of x, W and b", "Linear"),
    Question("3a", "The derivative of tanh", "Tanh"),
    Question(
        "4a", "Subtracting the max: shift invariance", "SoftMax", (), ("4a", "4a-matrix"), ("4a",)
    ),
    Question(
        "4b",
        "The log-softmax Jacobian",
        "LogSoftMax",
        (0, 1, 2, 3),
        ("4b", "log-softmax-exp", "4b-matrix", "log-softmax-rows"),
    ),
    Question("4c", "The log-softmax bprop", "LogSoftMax", (4,), ("4c",)),
    Question("4d", "Cross-entropy on log-probabilities", "CrossEntropyLog"),
    Question(
        "4e",
        "LogSoftMax + CrossEntropyLog: the gradient s - t",
        "LogSoftMax+CrossEntropyLog",
        answers=("4e",),
    ),
    Question(
        "4e", "SoftMax + CrossEntropy, for comparison: the same s - t", "SoftMax+CrossEntropy"
    ),
)


def questions_for(names) -> tuple[Question, ...]:
    """The questions answered by the named derivations, in the exercise's order; a derivation
    the sheet does not ask about (ReLU, Sigmoid, a formula's) comes last, one section each."""
    asked = tuple(q for q in QUESTIONS if q.name in names)
    return asked + tuple(
        beyond(name) for name in names if not any(q.name == name for q in QUESTIONS)
    )


def beyond(name: str) -> Question:
    """The section of a derivation the sheet does not ask about: all of its parts."""
    return Question("", f"Beyond the sheet: {name}", name)


def parts(q: Question, d) -> tuple[tuple, tuple, tuple]:
    """The steps, identities and answers of derivation d that answer q, in d's order."""
    others = [o for o in QUESTIONS if o.name == q.name and o is not q]
    steps = _pick(range(len(d.steps)), q.steps, [o.steps for o in others])
    keys = _pick([i.key for i in d.identities], q.identities, [o.identities for o in others])
    return (
        tuple(d.steps[k] for k in steps),
        tuple(d.identity(k) for k in keys),
        tuple(a for a in d.answers if a.key in q.answers),
    )


def _pick(every, mine, theirs) -> list:
    """mine, in every's order; ALL means every item that no other question claims."""
    if mine is not ALL:
        return [e for e in every if e in mine]
    claimed = {e for other in theirs if other is not ALL for e in other}
    return [e for e in every if e not in claimed]
