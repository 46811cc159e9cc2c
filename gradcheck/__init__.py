"""gradcheck: derive, check and train hand-written backpropagation.

    gradcheck.verify("SoftMax")        # SymPy vs bprop vs finite differences, a report
    gradcheck.derive("SoftMax")        # the derivation, identities proved by SymPy

Both are imported on first use, so `import gradcheck` stays light (no SymPy, no rich). Under
IPython (a notebook), importing gradcheck also teaches its results to display themselves.
"""

__version__ = "0.1.0"

import sys

from gradcheck.errors import GradcheckError

if "IPython" in sys.modules:  # a notebook: results display themselves, whatever is imported
    from gradcheck.report.display import install

    install()

__all__ = ["GradcheckError", "__version__", "derive", "verify"]


def __getattr__(name: str):
    if name in ("verify", "derive"):
        from gradcheck.report.display import install

        install()  # results display themselves in rich consoles and Jupyter
    if name == "verify":
        from gradcheck.threeway import verify

        return verify
    if name == "derive":
        from gradcheck.derivations import derive

        return derive
    raise AttributeError(f"module 'gradcheck' has no attribute {name!r}")
