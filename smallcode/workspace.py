"""Workspace: the only way tools touch files. Every path is contained in the root."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import SandboxViolation, ToolError

DEFAULT_MAX_READ = 1_000_000
DEFAULT_MAX_WRITE = 1_000_000
_SKIP_DIRS = {".git", "__pycache__", "node_modules", ".venv", ".mypy_cache", ".pytest_cache", ".ruff_cache"}


class Workspace:
    def __init__(
        self,
        root: Path | str,
        *,
        max_read_bytes: int = DEFAULT_MAX_READ,
        max_write_bytes: int = DEFAULT_MAX_WRITE,
    ) -> None:
        root_path = Path(root).expanduser()
        if not root_path.is_dir():
            raise ToolError(f"workspace root {root_path} is not a directory")
        self.root = root_path.resolve()
        self.max_read_bytes = max_read_bytes
        self.max_write_bytes = max_write_bytes

    def resolve(self, path: str | Path) -> Path:
        """The absolute path for ``path`` inside the root, or ``SandboxViolation``."""
        raw = str(path)
        if "\x00" in raw:
            raise SandboxViolation(f"path {raw!r} contains a NUL byte")
        if raw.startswith("~"):
            raise SandboxViolation(
                f"path {raw!r} points at a home directory; use a path inside the workspace"
            )
        candidate = Path(raw)
        if candidate.is_absolute():
            raise SandboxViolation(f"path {raw!r} is absolute; use a path relative to the workspace")
        resolved = (self.root / candidate).resolve()
        if resolved != self.root and self.root not in resolved.parents:
            raise SandboxViolation(f"path {raw!r} leaves the workspace")
        relative = resolved.relative_to(self.root)
        if relative.parts[:1] == (".git",):
            raise SandboxViolation(f"path {raw!r} is inside .git, which tools may not touch")
        return resolved

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def read_text(self, path: str | Path) -> str:
        target = self.resolve(path)
        if not target.is_file():
            if target.is_dir():
                raise ToolError(f"{path} is a directory; use list_files to see what it holds")
            raise ToolError(f"{path} does not exist. To create it, call write_file with its full content.")
        if target.stat().st_size > self.max_read_bytes:
            raise ToolError(f"{path} is larger than {self.max_read_bytes} bytes; read a line range instead")
        return target.read_text(encoding="utf-8", errors="replace")

    def write_text(self, path: str | Path, content: str) -> Path:
        data = content.encode("utf-8")
        if len(data) > self.max_write_bytes:
            raise ToolError(f"refusing to write {len(data)} bytes (limit {self.max_write_bytes})")
        target = self.resolve(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o7777 if target.exists() else None
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            if mode is not None:
                os.chmod(tmp_name, mode)
            os.replace(tmp_name, target)
        finally:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
        return target

    def exists(self, path: str | Path) -> bool:
        return self.resolve(path).exists()

    def list_files(self, directory: str | Path = ".", *, limit: int = 500) -> list[str]:
        base = self.resolve(directory)
        if not base.is_dir():
            raise ToolError(f"{directory} is not a directory")
        found: list[str] = []
        for current, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
            for name in sorted(files):
                found.append(self.relative(Path(current) / name))
                if len(found) >= limit:
                    return found
        return found
