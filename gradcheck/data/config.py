"""The data folder set once by `gradcheck data --use DIR`, kept in the user's config file.

$XDG_CONFIG_HOME/gradcheck/config.json (default ~/.config/gradcheck/config.json), written
atomically; every command reads it after --data-dir and $GRADCHECK_DATA.
"""

import json
import os
from pathlib import Path

from gradcheck.atomic import atomic_write
from gradcheck.errors import GradcheckError
from gradcheck.serialize import to_json

KEY = "data_dir"


def config_path() -> Path:
    """$XDG_CONFIG_HOME/gradcheck/config.json, else ~/.config/gradcheck/config.json."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    return (
        (Path(base) if os.path.isabs(base) else Path.home() / ".config")
        / "gradcheck"
        / "config.json"
    )


def read_config() -> dict:
    """The config file's settings; {} when there is none; a GradcheckError if it is broken."""
    path = config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        raise GradcheckError(
            f'{path}: expected a JSON object like {{"{KEY}": "/path"}}, could not read it: {e}'
        ) from None
    if not isinstance(data, dict):
        raise GradcheckError(f"{path}: expected a JSON object, got {type(data).__name__}")
    return data


def configured_data_dir() -> Path | None:
    """The folder set by `gradcheck data --use DIR`, or None."""
    value = read_config().get(KEY)
    return None if not value else Path(value)


def use_data_dir(folder: str | os.PathLike) -> Path:
    """Remember folder (made absolute) as the data folder of every command; the config path."""
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise GradcheckError(f"--use expects an existing folder, got {str(folder)!r}")
    settings = {**read_config(), KEY: str(path.resolve())}
    text = to_json(settings) + "\n"
    return atomic_write(config_path(), lambda f: f.write(text.encode("utf-8")))
