"""gradcheck: derive, check and train hand-written backpropagation."""

__version__ = "0.1.0"

from gradcheck.errors import GradcheckError

__all__ = ["GradcheckError", "__version__"]
