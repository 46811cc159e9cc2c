"""Write docs/tutorial.ipynb from the cells below and execute it in a real kernel (nbclient).

    GRADCHECK_DATA=../shared/data python docs/make_tutorial.py

The committed notebook carries the outputs of that run; tests/notebooks/test_tutorial.py
executes it again, and CI with it.
"""

from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent

CELLS = [
    (
        "md",
        """# The backpropagation exercise with gradcheck

This notebook walks the whole exercise: derive the Jacobians with SymPy, write your own modules
and check them three ways (SymPy's Jacobian, your `bprop`, finite differences), train on MNIST,
and see what zero initialisation and batch size 1 do. Every output below is real: CI runs this
notebook (`tests/notebooks/test_tutorial.py`) with the real MNIST from `$GRADCHECK_DATA` (or the
folder set once with `gradcheck data --use DIR`).""",
    ),
    (
        "md",
        """## 1. Derive the Jacobians

`gradcheck.derive(NAME)` differentiates the module's forward definition with SymPy, writes the
result in terms of the output, writes the matrices out at N = 3, and proves every identity of the
exercise (`simplify(lhs - rhs) == 0`). In a notebook it displays its formulas. For the hand-in:
`gradcheck derive --all --latex --output answers.tex` (then `pdflatex answers.tex`), or
`--markdown`.""",
    ),
    (
        "code",
        """import numpy as np

import gradcheck

gradcheck.derive("SoftMax")""",
    ),
    (
        "md",
        """Question 1d (what could go wrong, and when?) is answered in words, with the numbers
computed by numpy and checked against SymPy:""",
    ),
    (
        "code",
        """d = gradcheck.derive("CrossEntropy")
answer = next(a for a in d.answers if a.key == "1d")
for part in answer.parts:
    if isinstance(part, str):
        print(part, end="\\n\\n")
for label, value in answer.data:
    print(f"{label}: {value:.6g}")""",
    ),
    (
        "md",
        """## 2. Write a module and verify it

Any class with `fprop` and `bprop` will do. Here is a softmax written the way the exercise
asks: fprop caches its output `s`, bprop returns `z_i = s_i (v_i - v·s)`.""",
    ),
    (
        "code",
        """class MySoftMax:
    def fprop(self, x):
        e = np.exp(x - x.max(axis=1, keepdims=True))  # (B, N), max-shifted (4a)
        self.s = e / e.sum(axis=1, keepdims=True)      # (B, N)
        return self.s

    def bprop(self, v):
        return self.s * (v - (v * self.s).sum(axis=1, keepdims=True))  # (B, N)

gradcheck.verify(MySoftMax(), reference="SoftMax")""",
    ),
    (
        "md",
        """A typical mistake: forgetting the `v·s` term. SymPy and finite differences agree
with each other and not with `bprop`, so the verdict says which side is wrong:""",
    ),
    (
        "code",
        """class BuggySoftMax(MySoftMax):
    def bprop(self, v):
        return self.s * v  # (B, N): the v·s term is missing

report = gradcheck.verify(BuggySoftMax(), reference="SoftMax")
report""",
    ),
    (
        "md",
        """In your own pytest file, `assert_gradients` raises an `AssertionError` whose
message is the report:""",
    ),
    (
        "code",
        """from gradcheck.testing import assert_gradients

try:
    assert_gradients(BuggySoftMax(), reference="SoftMax")
except AssertionError as e:
    print(e)""",
    ),
    (
        "md",
        """## 3. Train on MNIST

The built-in modules (checked the same way before every run) train softmax regression. A few
epochs here; `gradcheck train` runs the full 100 (744 validation errors).""",
    ),
    (
        "code",
        """from gradcheck.train import Diverged, make_config, train


def show(metrics):
    for e in metrics.epochs:
        print(f"epoch {e.epoch}: cost {e.cost:.4f}, train errors {e.train_errors}, "
              f"validation errors {e.val_errors} of 10000")
    for note in metrics.notes:
        print("note:", note)

show(train(make_config("softmax-regression", epochs=3)))""",
    ),
    (
        "md",
        """## 4. Zero initialisation

With all weights 0 in a network with a hidden layer, every hidden unit gets the same gradient:
they stay identical (here they even stay 0, since tanh(0) = 0 cuts the gradient), and only the
output bias learns. The run says so:""",
    ),
    ("code", """show(train(make_config("tanh-mlp", epochs=2, init="zeros")))"""),
    (
        "md",
        """## 5. Batch size 1

One sample decides each step. With the naive pair SoftMax + CrossEntropy in float32, a
probability soon underflows to 0 and the cost becomes `-ln 0 = inf` (question 1d); the run stops
and says where:""",
    ),
    (
        "code",
        """try:
    train(make_config("log-softmax-sgd", epochs=1, stable=False, dtype="float32"))
except Diverged as e:
    print(e)""",
    ),
    (
        "md",
        """The stable pair LogSoftMax + CrossEntropyLog (question 4e: gradient `s - t`, bounded)
trains at batch size 1 with every cost finite:""",
    ),
    ("code", """show(train(make_config("log-softmax-sgd", epochs=1)))"""),
]


def build() -> nbformat.NotebookNode:
    new = {"md": nbformat.v4.new_markdown_cell, "code": nbformat.v4.new_code_cell}
    nb = nbformat.v4.new_notebook(cells=[new[kind](src) for kind, src in CELLS])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def main() -> None:
    nb = build()
    NotebookClient(
        nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(HERE.parent)}}
    ).execute()
    nbformat.write(nb, HERE / "tutorial.ipynb")


if __name__ == "__main__":
    main()
