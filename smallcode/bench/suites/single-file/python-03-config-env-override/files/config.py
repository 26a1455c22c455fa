"""Service settings: defaults, overridden by a JSON file."""

import json
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    "host": "127.0.0.1",
    "port": 8080,
    "debug": False,
    "workers": 4,
    "log_level": "info",
}


class ConfigError(Exception):
    """Raised for an invalid configuration."""


def load_config(path: str | Path) -> dict[str, Any]:
    settings = dict(DEFAULTS)
    file = Path(path)
    if file.exists():
        data = json.loads(file.read_text())
        if not isinstance(data, dict):
            raise ConfigError(f"{file}: expected a JSON object")
        for key, value in data.items():
            if key not in DEFAULTS:
                raise ConfigError(f"{file}: unknown setting {key!r}")
            settings[key] = value
    return settings
