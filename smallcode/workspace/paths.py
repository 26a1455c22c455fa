"""Path containment: every path a tool names is checked, resolved and opened beneath the root.

Checks happen twice: ``resolve`` vets the path as it stands (no ``..``, no absolute or home paths,
no symlink leading out, no hard links, no device files, nothing in ``.git``), then ``open_beneath``
opens the resolved path one component at a time with ``O_NOFOLLOW``, so a symlink swapped in
between the check and the open makes the open fail instead of leaving the root.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from ..errors import SandboxViolation

# Prefix of the temporary files atomic writes create; listings and snapshots ignore them.
TEMP_PREFIX = ".smallcode-tmp-"

_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_RESOLVE_TRIES = 5
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def is_git_part(part: str) -> bool:
    return part.lower() == ".git"


def has_control_characters(name: str) -> bool:
    """Line breaks, tabs, escapes: never in a path a tool is meant to take."""
    return any(ord(char) < 32 or ord(char) == 127 for char in name)


class PathGuard:
    """Resolves user-supplied paths against ``root`` and refuses anything that could leave it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _lexical(self, path: str | Path) -> PurePosixPath:
        raw = os.fspath(path)
        if "\x00" in raw:
            raise SandboxViolation(f"path {raw!r} contains a NUL byte")
        if has_control_characters(raw):
            # Models echo tool output ("created a.py (4 lines)\n...") where a path belongs.
            raise SandboxViolation(
                f"path {raw!r} contains a line break or control character; a path is one line naming a file"
            )
        if raw.startswith("~"):
            raise SandboxViolation(
                f"path {raw!r} points at a home directory; use a path inside the workspace"
            )
        if raw.startswith(("/", "\\")) or os.path.isabs(raw):
            raise SandboxViolation(f"path {raw!r} is absolute; use a path relative to the workspace")
        parts = PurePosixPath(raw.replace("\\", "/")).parts
        if ".." in parts:
            raise SandboxViolation(f"path {raw!r} leaves the workspace (it uses '..')")
        if any(is_git_part(p) for p in parts):
            raise SandboxViolation(f"path {raw!r} is inside .git, which tools may not touch")
        return PurePosixPath(*parts) if parts else PurePosixPath(".")

    def resolve(self, path: str | Path) -> Path:
        """The absolute, symlink-free path for ``path`` inside the root, or ``SandboxViolation``."""
        raw = os.fspath(path)
        relative = self._lexical(raw)
        resolved = self._realpath(raw, self.root / relative)
        if resolved != self.root and self.root not in resolved.parents:
            raise SandboxViolation(f"path {raw!r} leaves the workspace through a symbolic link")
        inside = resolved.relative_to(self.root)
        if any(is_git_part(p) for p in inside.parts):
            raise SandboxViolation(f"path {raw!r} leads into .git, which tools may not touch")
        try:
            info = resolved.lstat()
        except FileNotFoundError:
            return resolved
        except OSError as exc:
            raise SandboxViolation(f"path {raw!r} cannot be inspected: {exc.strerror}") from None
        self.check_kind(raw, info)
        return resolved

    @staticmethod
    def _realpath(raw: str, candidate: Path) -> Path:
        """``realpath`` reads links one by one; a link removed between two reads raises, so the
        walk is retried on a path that another process keeps changing."""
        for _ in range(_RESOLVE_TRIES):
            try:
                return Path(os.path.realpath(candidate))
            except OSError:
                continue
        raise SandboxViolation(f"path {raw!r} kept changing while it was resolved (a symbolic link race)")

    @staticmethod
    def check_kind(raw: str, info: os.stat_result) -> None:
        """Only regular files and directories; a file with several hard links may be shared with
        a file outside the workspace, so it is refused too."""
        if stat.S_ISDIR(info.st_mode):
            return
        if not stat.S_ISREG(info.st_mode):
            raise SandboxViolation(f"path {raw!r} is not a regular file (device, pipe or socket)")
        if info.st_nlink > 1:
            raise SandboxViolation(
                f"path {raw!r} is a hard link shared with another file, which may lie outside the workspace"
            )

    def parts_of(self, resolved: Path) -> tuple[str, ...]:
        return resolved.relative_to(self.root).parts

    @contextmanager
    def open_dir(self, parts: tuple[str, ...], *, create: bool = False) -> Iterator[int]:
        """A directory descriptor for ``root/parts`` reached without following any symlink."""
        fd = os.open(self.root, _DIR_FLAGS | _CLOEXEC)
        try:
            for part in parts:
                try:
                    nxt = os.open(part, _DIR_FLAGS | _CLOEXEC, dir_fd=fd)
                except FileNotFoundError:
                    if not create:
                        raise
                    with contextlib.suppress(FileExistsError):
                        os.mkdir(part, 0o777, dir_fd=fd)
                    try:
                        nxt = os.open(part, _DIR_FLAGS | _CLOEXEC, dir_fd=fd)
                    except OSError:
                        raise self._changed(parts) from None
                except OSError:
                    raise self._changed(parts) from None
                os.close(fd)
                fd = nxt
            yield fd
        finally:
            os.close(fd)

    @staticmethod
    def _changed(parts: tuple[str, ...]) -> SandboxViolation:
        return SandboxViolation(
            f"{'/'.join(parts)} changed while it was being opened (a symbolic link or "
            "non-directory appeared in its path)"
        )

    def open_file(self, resolved: Path, flags: int) -> int:
        """A descriptor for an existing file, opened beneath the root without following symlinks."""
        parts = self.parts_of(resolved)
        if not parts:
            raise IsADirectoryError(str(self.root))
        with self.open_dir(parts[:-1]) as dir_fd:
            try:
                fd = os.open(parts[-1], flags | _NOFOLLOW | _CLOEXEC | os.O_NONBLOCK, dir_fd=dir_fd)
            except (FileNotFoundError, IsADirectoryError):
                raise
            except OSError as exc:
                raise SandboxViolation(
                    f"{'/'.join(parts)} cannot be opened safely ({exc.strerror}); it may have become a link"
                ) from None
        try:
            self.check_kind("/".join(parts), os.fstat(fd))
        except BaseException:
            os.close(fd)
            raise
        return fd
