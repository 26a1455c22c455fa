import json
from pathlib import Path

import pytest

from config import DEFAULTS, ConfigError, load_config


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(data))
    return path


def test_file_still_applies_without_env(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, {"port": 9000}), environ={})
    assert cfg == {**DEFAULTS, "port": 9000}


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "nope.json", environ={}) == DEFAULTS


def test_unknown_key_in_file_still_rejected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_config(write(tmp_path, {"colour": "red"}), environ={})


def test_env_overrides_file_with_types(tmp_path: Path) -> None:
    env = {"APP_PORT": "7000", "APP_DEBUG": "Yes", "APP_HOST": "0.0.0.0", "APP_LOG_LEVEL": "debug"}
    cfg = load_config(write(tmp_path, {"port": 9000, "debug": False}), environ=env)
    assert cfg["port"] == 7000 and isinstance(cfg["port"], int)
    assert cfg["debug"] is True
    assert cfg["host"] == "0.0.0.0"
    assert cfg["log_level"] == "debug"
    assert cfg["workers"] == 4


@pytest.mark.parametrize(("raw", "value"), [("true", True), ("FALSE", False), ("1", True), ("0", False),
                                             ("no", False), ("YES", True)])
def test_bool_spellings(tmp_path: Path, raw: str, value: bool) -> None:
    assert load_config(tmp_path / "x.json", environ={"APP_DEBUG": raw})["debug"] is value


def test_bad_values_name_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="APP_WORKERS"):
        load_config(tmp_path / "x.json", environ={"APP_WORKERS": "many"})
    with pytest.raises(ConfigError, match="APP_DEBUG"):
        load_config(tmp_path / "x.json", environ={"APP_DEBUG": "maybe"})


def test_unknown_and_unprefixed_variables_ignored(tmp_path: Path) -> None:
    cfg = load_config(tmp_path / "x.json", environ={"APP_COLOUR": "red", "PORT": "1", "app_port": "2"})
    assert cfg == DEFAULTS


def test_defaults_to_os_environ(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APP_WORKERS", "12")
    assert load_config(tmp_path / "x.json")["workers"] == 12
