"""The one exception users see: a clear one-line message, no traceback from the CLI."""


class GradcheckError(ValueError):
    """Bad input or bad use: the message names what was expected and what came."""
