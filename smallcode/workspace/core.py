"""Workspace: the only way tools touch files or run commands."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import SandboxViolation, ToolError
from .commands import CommandResult, run_command, scrub_env
from .discovery import discover_test_command
from .files import atomic_write, read_bytes
from .paths import TEMP_PREFIX, PathGuard, has_control_characters, is_git_part
from .policy import CommandPolicy
from .snapshots import History

DEFAULT_MAX_READ = 1_000_000
DEFAULT_MAX_WRITE = 1_000_000
DEFAULT_MAX_OUTPUT = 16_000
_SKIP_DIRS = {".git", "__pycache__", "node_modules", ".venv", ".mypy_cache", ".pytest_cache", ".ruff_cache"}


class Workspace:
    """A directory tools may use, and nothing outside it.

    Paths are resolved and opened beneath ``root`` (see ``PathGuard``); writes are atomic; commands
    pass ``policy`` first and run in a new session with a scrubbed environment; every mutating step
    is recorded in a private history so it can be undone, restored or shown as a diff.
    """

    def __init__(
        self,
        root: Path | str,
        *,
        policy: CommandPolicy | None = None,
        max_read_bytes: int = DEFAULT_MAX_READ,
        max_write_bytes: int = DEFAULT_MAX_WRITE,
        max_output_chars: int = DEFAULT_MAX_OUTPUT,
        history: bool = True,
        history_dir: Path | str | None = None,
        test_command: str | None = None,
    ) -> None:
        root_path = Path(root).expanduser()
        if not root_path.is_dir():
            raise ToolError(f"workspace root {root_path} is not a directory")
        self.root = root_path.resolve()
        self.policy = policy or CommandPolicy()
        self.max_read_bytes = max_read_bytes
        self.max_write_bytes = max_write_bytes
        self.max_output_chars = max_output_chars
        self.history = History(
            self.root, Path(history_dir) if history_dir is not None else None, record=history
        )
        self._guard = PathGuard(self.root)
        self._test_command = test_command

    # -- paths and files ------------------------------------------------------------------------

    def resolve(self, path: str | Path) -> Path:
        """The absolute path for ``path`` inside the root, or ``SandboxViolation``."""
        return self._guard.resolve(path)

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def read_bytes(self, path: str | Path) -> bytes:
        return read_bytes(self._guard, self.resolve(path), str(path), self.max_read_bytes)

    def read_text(self, path: str | Path) -> str:
        return self.read_bytes(path).decode("utf-8", errors="replace")

    def write_text(self, path: str | Path, content: str) -> Path:
        """Atomically replace (or create) a file; recorded as a step unless inside ``step()``."""
        return self.write_bytes(path, content.encode("utf-8"))

    def write_bytes(self, path: str | Path, data: bytes) -> Path:
        if len(data) > self.max_write_bytes:
            raise ToolError(f"refusing to write {len(data)} bytes (limit {self.max_write_bytes})")
        target = self.resolve(path)
        relative = self.relative(target)
        with self.history.step(f"write {relative}", touched=(relative,)):
            atomic_write(self._guard, target, data)
        return target

    def delete(self, path: str | Path) -> None:
        """Remove a file (not a directory); recorded as a step."""
        target = self.resolve(path)
        relative = self.relative(target)
        if target == self.root or target.is_dir():
            raise ToolError(f"{path} is a directory; only files can be deleted")
        if not target.exists():
            raise ToolError(f"{path} does not exist")
        parts = self._guard.parts_of(target)
        with (
            self.history.step(f"delete {relative}", touched=(relative,)),
            self._guard.open_dir(parts[:-1]) as fd,
        ):
            os.unlink(parts[-1], dir_fd=fd)

    def exists(self, path: str | Path) -> bool:
        return self.resolve(path).exists()

    def list_files(self, directory: str | Path = ".", *, limit: int = 500) -> list[str]:
        """Readable files under ``directory``, sorted, at most ``limit``. Files the other methods
        would refuse (links leading out, hard links, devices, pipes) are left out, and so are
        ``.git``, dependency and cache folders; directory symlinks are not followed."""
        base = self.resolve(directory)
        if not base.is_dir():
            raise ToolError(f"{directory} is not a directory")
        found: list[str] = []
        for current, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not is_git_part(d))
            for name in sorted(files):
                path = Path(current) / name
                if name.startswith(TEMP_PREFIX) or has_control_characters(name) or not self._listable(path):
                    continue
                found.append(self.relative(path))
                if len(found) >= limit:
                    return found
        return found

    def _listable(self, path: Path) -> bool:
        try:
            info = path.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_nlink == 1:
                return True  # the walk follows no directory symlink, so the path is inside
            self._guard.resolve(self.relative(path))
        except (OSError, SandboxViolation):
            return False
        return path.is_file()

    # -- commands -------------------------------------------------------------------------------

    def run(self, command: str, *, timeout: float = 60.0) -> CommandResult:
        """Run a shell command in the root, after the policy allows it; recorded as a step.

        Raises ``SandboxViolation`` when the policy refuses the command (or asks and is refused).
        """
        if not command.strip():
            raise ToolError("the command is empty")
        self.policy.enforce(command, self.root, protected=(self.history.directory,))
        limit = min(timeout, self.policy.max_timeout)
        env = scrub_env(os.environ, self.policy.env_allow)
        with self.history.step(f"run {command}"):
            return run_command(
                command,
                cwd=self.root,
                env=env,
                timeout=limit,
                max_output=self.max_output_chars,
                writable=self.policy.command_writable(),
                network=self.policy.network,
                contain=self.policy.contain,
            )

    def test_command(self, *, docstrings: bool = True) -> str | None:
        """The project's test command, detected from its files (or the one given to the constructor);
        ``docstrings=False``: not the docstring examples that are the tests of last resort."""
        if self._test_command is not None:
            return self._test_command
        return discover_test_command(self.root, docstrings=docstrings)

    # -- history --------------------------------------------------------------------------------

    @contextmanager
    def step(self, label: str) -> Iterator[None]:
        """Group everything done inside into one undoable step (nested steps join the outer one)."""
        with self.history.step(label):
            yield

    def checkpoint(self) -> str:
        """Record the current state; the id can be passed to ``restore``."""
        return self.history.checkpoint()

    def undo(self) -> str:
        """Revert the last recorded step; returns its label."""
        return self.history.undo()

    def restore(self, checkpoint_id: str) -> None:
        """Put every tracked file back as it was at ``checkpoint_id`` (itself an undoable step)."""
        self.history.restore(checkpoint_id)

    def diff(self) -> str:
        """A unified diff of everything changed since the session's first recorded step."""
        return self.history.diff()

    def changed_files(self) -> list[str]:
        """Paths added, modified or deleted since the session began."""
        return self.history.changed_files()

    def close(self) -> None:
        """Delete the private history (the files themselves are untouched)."""
        self.history.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workspace({str(self.root)!r})"


__all__ = ["SandboxViolation", "Workspace"]
