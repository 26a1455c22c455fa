"""Reading with a size cap and atomic writing (temporary file, fsync, rename), both beneath the root."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from ..errors import SandboxViolation, ToolError
from .paths import TEMP_PREFIX, PathGuard


def read_bytes(guard: PathGuard, resolved: Path, shown: str, limit: int) -> bytes:
    """The file's bytes, refusing directories, special files and anything over ``limit`` bytes."""
    try:
        fd = guard.open_file(resolved, os.O_RDONLY)
    except FileNotFoundError:
        raise ToolError(
            f"{shown} does not exist. To create it, call write_file with its full content."
        ) from None
    except IsADirectoryError:
        raise ToolError(f"{shown} is a directory; use list_files to see what it holds") from None
    if stat.S_ISDIR(os.fstat(fd).st_mode):
        os.close(fd)
        raise ToolError(f"{shown} is a directory; use list_files to see what it holds")
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if info.st_size > limit:
            raise ToolError(f"{shown} is larger than {limit} bytes; read a line range instead")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ToolError(f"{shown} is larger than {limit} bytes; read a line range instead")
    return data


def _umask() -> int:
    """The process umask, read from /proc where possible: setting it to read it is not thread-safe."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def atomic_write(guard: PathGuard, resolved: Path, data: bytes) -> None:
    """Replace ``resolved`` with ``data`` so that any crash leaves either the old or the new file.

    The bytes go to a temporary file in the same directory, are fsynced, get the old file's mode
    (or the umask default), and are renamed over the target; the directory is fsynced after.
    Every step uses directory descriptors opened without following symlinks.
    """
    parts = guard.parts_of(resolved)
    if not parts:
        raise SandboxViolation("cannot write to the workspace root itself")
    try:
        _write_beneath(guard, parts, data)
    except FileNotFoundError:
        # another process moved or removed the directory between two of the steps
        raise ToolError(
            f"{'/'.join(parts)}: its directory changed while it was written; nothing was written"
        ) from None


def _write_beneath(guard: PathGuard, parts: tuple[str, ...], data: bytes) -> None:
    name = parts[-1]
    with guard.open_dir(parts[:-1], create=True) as dir_fd:
        try:
            old = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        except FileNotFoundError:
            old = None
        if old is not None:
            if stat.S_ISDIR(old.st_mode):
                raise ToolError(f"{'/'.join(parts)} is a directory; choose a file path")
            guard.check_kind("/".join(parts), old)
            mode = stat.S_IMODE(old.st_mode)
        else:
            mode = 0o666 & ~_umask()
        temp = f"{TEMP_PREFIX}{name[:80]}.{secrets.token_hex(4)}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=dir_fd)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fchmod(handle.fileno(), mode)
                if old is not None and hasattr(os, "fchown"):
                    with contextlib.suppress(PermissionError):
                        os.fchown(handle.fileno(), old.st_uid, old.st_gid)
                os.fsync(handle.fileno())
            os.replace(temp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=dir_fd)
            raise
        with contextlib.suppress(OSError):
            os.fsync(dir_fd)
