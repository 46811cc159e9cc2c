"""Students' own modules, as files they would write: no gradcheck base class, no kinks()."""

import textwrap
from pathlib import Path

SOFTMAX = """
import numpy as np

class MySoftMax:
    def fprop(self, x):
        e = np.exp(x - x.max(axis=1, keepdims=True))
        self.s = e / e.sum(axis=1, keepdims=True)
        return self.s

    def bprop(self, v):
        return self.s * (v - (v * self.s).sum(axis=1, keepdims=True))
"""

SOFTMAX_NO_VS = SOFTMAX.replace("(v - (v * self.s).sum(axis=1, keepdims=True))", "v")

LINEAR = """
import numpy as np

class MyLinear:
    def __init__(self, n_in, n_out):
        rng = np.random.default_rng(0)
        self.W = rng.standard_normal((n_in, n_out)) / np.sqrt(n_in)
        self.b = rng.standard_normal(n_out)
        self.params = [self.W, self.b]
        self.grad_W, self.grad_b = np.zeros_like(self.W), np.zeros_like(self.b)
        self.grads = [self.grad_W, self.grad_b]

    def fprop(self, x):
        self.x = x
        return x @ self.W + self.b

    def bprop(self, g):
        self.grad_W[...] = self.x.T @ g
        self.grad_b[...] = g.sum(axis=0)
        return g @ self.W.T
"""

CROSS_ENTROPY = """
import numpy as np

class MyCrossEntropy:
    def set_target(self, t):
        self.t = t

    def fprop(self, z):
        self.z = z
        return float(-np.log(z[np.arange(len(z)), self.t]).mean())

    def bprop(self):
        g = np.zeros_like(self.z)
        rows = np.arange(len(self.z))
        g[rows, self.t] = -1 / (self.z[rows, self.t] * len(self.z))
        return g
"""

NO_BPROP = """
class Half:
    def fprop(self, x):
        return x / 2
"""

SYNTAX_ERROR = """
class Broken:
    def fprop(self, x)
        return x
"""

RAISES_AT_IMPORT = """
import numpy as np
SCALE = 1 / 0

class Fine:
    pass
"""

CRASHES_IN_BPROP = """
class Crashes:
    def fprop(self, x):
        self.x = x
        return x * 2

    def bprop(self, g):
        return g @ self.x
"""


def write(tmp_path: Path, source: str, name: str = "student.py") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(source))
    return path
