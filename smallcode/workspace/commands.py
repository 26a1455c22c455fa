"""Running one shell command: new session, closed stdin, scrubbed environment, capped output, and a
timeout that kills every process the command started (see ``_reaper.py``)."""

from __future__ import annotations

import contextlib
import ctypes
import fnmatch
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ToolError

_REAPER = str(Path(__file__).with_name("_reaper.py"))

# Passed through to commands; everything else (API keys, tokens, cloud credentials) is dropped.
SAFE_ENV = (
    "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "LC_*", "TZ", "TMPDIR",
    "TEMP", "TMP", "GOPATH", "GOROOT", "GOCACHE", "GOMODCACHE", "GOFLAGS", "CARGO_HOME",
    "RUSTUP_HOME", "JAVA_HOME", "NODE_PATH", "VIRTUAL_ENV", "CONDA_PREFIX", "SSL_CERT_FILE",
    "SSL_CERT_DIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
)  # fmt: skip
# Even a safe-listed name is dropped when it looks like a secret.
_SECRETISH = re.compile(r"KEY|TOKEN|SECRET|PASS|CRED|AUTH|COOKIE|SESSION|PRIVATE|SIGNATURE", re.IGNORECASE)
# Make tools behave non-interactively and keep output plain.
FIXED_ENV = {
    "CI": "1",
    "TERM": "dumb",
    "NO_COLOR": "1",
    "PAGER": "cat",
    "GIT_PAGER": "cat",
    "GIT_TERMINAL_PROMPT": "0",
    "DEBIAN_FRONTEND": "noninteractive",
    "PYTHONUNBUFFERED": "1",
}


def scrub_env(environ: Mapping[str, str], allow: Iterable[str] = ()) -> dict[str, str]:
    """The environment a command sees: safe names only, plus exactly the names in ``allow``."""
    explicit = set(allow)
    kept: dict[str, str] = {}
    for name, value in environ.items():
        if name in explicit or (
            any(fnmatch.fnmatchcase(name, pattern) for pattern in SAFE_ENV) and not _SECRETISH.search(name)
        ):
            kept[name] = value
    kept.update(FIXED_ENV)
    kept.setdefault("PATH", os.defpath)
    return kept


@dataclass(frozen=True)
class CommandResult:
    """What a command did. ``exit_code`` is None when it was killed at its timeout; ``contained``
    says whether the kernel confined it (Landlock: writes only inside the workspace)."""

    command: str
    exit_code: int | None
    output: str
    timed_out: bool
    duration: float
    truncated: bool = False
    contained: bool = False

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out

    def render(self) -> str:
        """A compact text for a model: the status line, then the output."""
        if self.timed_out:
            status = f"timed out after {self.duration:.0f}s; every process it started was killed"
        else:
            status = f"exit code {self.exit_code}"
        return f"$ {self.command}\n[{status}]\n{self.output}".rstrip()


class OutputBuffer:
    """Keeps the first ``head`` and last ``tail`` bytes of a stream of any length."""

    def __init__(self, limit: int) -> None:
        self.head_limit = limit // 4
        self.tail_limit = limit - self.head_limit
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0

    def feed(self, chunk: bytes) -> None:
        self.total += len(chunk)
        room = self.head_limit - len(self.head)
        if room > 0:
            self.head += chunk[:room]
            chunk = chunk[room:]
        if chunk:
            self.tail += chunk
            if len(self.tail) > self.tail_limit:
                del self.tail[: len(self.tail) - self.tail_limit]

    @property
    def truncated(self) -> bool:
        return self.total > len(self.head) + len(self.tail)

    def text(self) -> str:
        head = self.head.decode("utf-8", errors="replace")
        tail = self.tail.decode("utf-8", errors="replace")
        if not self.truncated:
            return head + tail
        omitted = self.total - len(self.head) - len(self.tail)
        return f"{head}\n[... {omitted} bytes of output omitted ...]\n{tail}"


def sandbox_abi() -> int:
    """The Landlock ABI version this kernel offers (0: none). 1 confines writes, 4 adds TCP, 6 adds
    signal scoping; ``CommandResult.contained`` says whether a given command was confined."""
    if not sys.platform.startswith("linux"):
        return 0
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        return max(0, int(libc.syscall(444, None, ctypes.c_size_t(0), ctypes.c_uint32(1))))
    except (OSError, AttributeError):
        return 0


def default_shell() -> str:
    return shutil.which("bash") or "/bin/sh"


def run_command(
    command: str,
    *,
    cwd: Path,
    env: Mapping[str, str],
    timeout: float,
    max_output: int,
    writable: Sequence[str] = (),
    network: bool = False,
    contain: bool = True,
    grace: float = 1.0,
    shell: str | None = None,
) -> CommandResult:
    """Run ``command`` under the supervisor and collect its merged, capped output.

    With ``contain`` the supervisor confines the command where the kernel allows (see
    ``_reaper.py``): it may write only beneath ``cwd``, its own temporary directory and ``writable``.
    """
    if timeout <= 0:
        raise ToolError(f"timeout must be positive, got {timeout}")
    with tempfile.TemporaryDirectory(prefix="smallcode-cmd-") as private_tmp:
        env = {**env, "TMPDIR": private_tmp, "TMP": private_tmp, "TEMP": private_tmp}
        config = {"writable": [str(cwd), private_tmp, *writable], "network": network, "contain": contain}
        return _supervise(command, cwd, env, timeout, max_output, grace, shell, json.dumps(config))


def _supervise(
    command: str,
    cwd: Path,
    env: Mapping[str, str],
    timeout: float,
    max_output: int,
    grace: float,
    shell: str | None,
    config: str,
) -> CommandResult:
    status_read, status_write = os.pipe()
    started = time.monotonic()
    try:
        supervisor = subprocess.Popen(
            [sys.executable, "-I", "-S", _REAPER, str(status_write), repr(float(timeout)), repr(grace),
             shell or default_shell(), command, config],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env=dict(env),
            pass_fds=(status_write,),
            start_new_session=True,
        )  # fmt: skip
    except OSError as exc:
        os.close(status_read)
        raise ToolError(f"could not start the command: {exc}") from None
    finally:
        os.close(status_write)
    buffer = OutputBuffer(max_output)
    # The supervisor enforces the timeout itself; this is only a backstop if it is stuck.
    backstop = started + timeout + grace + 10.0
    assert supervisor.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(supervisor.stdout, selectors.EVENT_READ)
        while True:
            left = backstop - time.monotonic()
            if left <= 0:
                _kill_group(supervisor.pid)
                break
            if not selector.select(min(left, 1.0)):
                continue
            chunk = os.read(supervisor.stdout.fileno(), 65536)
            if not chunk:
                break
            buffer.feed(chunk)
    supervisor.stdout.close()
    try:
        supervisor.wait(timeout=5)
    except subprocess.TimeoutExpired:
        _kill_group(supervisor.pid)
        supervisor.wait()
    with os.fdopen(status_read, "r") as status_file:
        status = status_file.read().splitlines()
    duration = time.monotonic() - started
    return _result(command, status, buffer, duration)


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pgid, signal.SIGKILL)


def _result(command: str, status: list[str], buffer: OutputBuffer, duration: float) -> CommandResult:
    contained = any(line.startswith("sandbox ") and line != "sandbox 0" for line in status)
    final = status[-1] if status else "timeout"
    if final.startswith("error "):
        raise ToolError(f"could not start the command: {final[6:]}")
    timed_out = not final.startswith("exit ")
    code = None if timed_out else int(final.split()[1])
    return CommandResult(
        command=command,
        exit_code=code,
        output=buffer.text(),
        timed_out=timed_out,
        duration=duration,
        truncated=buffer.truncated,
        contained=contained,
    )
