"""Service settings: defaults, overridden by a JSON file, then by APP_* environment variables."""

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    "host": "127.0.0.1",
    "port": 8080,
    "debug": False,
    "workers": 4,
    "log_level": "info",
}

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


class ConfigError(Exception):
    """Raised for an invalid configuration."""


def _convert(name: str, raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise ConfigError(f"{name}: expected a boolean, got {raw!r}")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{name}: expected an integer, got {raw!r}") from None
    return raw


def load_config(path: str | Path, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
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
    env = os.environ if environ is None else environ
    for key, default in DEFAULTS.items():
        name = f"APP_{key.upper()}"
        if name in env:
            settings[key] = _convert(name, env[name], default)
    return settings
