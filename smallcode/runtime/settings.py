"""Settings read from the environment and a ``.env`` file (``SMALLCODE_*`` variables)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class RemoteSettings(BaseSettings):
    """Where a ``RemoteModel`` connects. Explicit values beat the environment, which beats ``.env``.

    ============================  ===========================================================
    ``SMALLCODE_BASE_URL``        the server, with or without ``/v1`` (``http://localhost:11434``)
    ``SMALLCODE_MODEL``           the model name; unset means the first model the server lists
    ``SMALLCODE_API_KEY``         a bearer token, if the server wants one
    ``SMALLCODE_CONTEXT_WINDOW``  the window to assume when the server does not report one
    ``SMALLCODE_TIMEOUT``         seconds one request may take
    ============================  ===========================================================
    """

    model_config = SettingsConfigDict(env_prefix="SMALLCODE_", env_file=".env", extra="ignore")

    base_url: str | None = None
    model: str | None = None
    api_key: SecretStr | None = None
    context_window: int | None = Field(default=None, gt=0)
    timeout: float = Field(default=300.0, gt=0)

    @classmethod
    def load(cls, env_file: Path | str | None = ".env") -> RemoteSettings:
        """Read the environment, then ``env_file`` for anything the environment leaves unset."""
        return cls(_env_file=env_file)


__all__ = ["RemoteSettings"]
