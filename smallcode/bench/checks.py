"""Running a task's check command: toolchain discovery, placeholders, timeout with process-group kill."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..validation import GO_OFFLINE

TOOLS_DIR_ENV = "SMALLCODE_BENCH_TOOLS"
TOOLS_DIR = ".bench-tools"
OUTPUT_TAIL = 2000


@dataclass(frozen=True)
class Toolchain:
    """Where each tool a check may need lives (None: not installed)."""

    python: str
    node: str | None
    tsc: str | None
    go: str | None
    tools_dir: Path | None = None

    @classmethod
    def detect(cls, tools_dir: Path | str | None = None) -> Toolchain:
        """Look in ``tools_dir``, else ``$SMALLCODE_BENCH_TOOLS``, else ``./.bench-tools``, then PATH."""
        candidates = [Path(tools_dir)] if tools_dir is not None else []
        if os.environ.get(TOOLS_DIR_ENV):
            candidates.append(Path(os.environ[TOOLS_DIR_ENV]))
        candidates.append(Path.cwd() / TOOLS_DIR)
        local = next((c.resolve() for c in candidates if c.is_dir()), None)
        local_tsc = local / "node_modules" / ".bin" / "tsc" if local is not None else None
        tsc = str(local_tsc) if local_tsc is not None and local_tsc.exists() else shutil.which("tsc")
        go = shutil.which("go") or next(
            (str(p) for p in (Path("/usr/lib/go/bin/go"), Path("/usr/local/go/bin/go")) if p.exists()), None
        )
        return cls(python=sys.executable, node=shutil.which("node"), tsc=tsc, go=go, tools_dir=local)

    def missing(self, tools: Iterable[str]) -> list[str]:
        return [tool for tool in tools if getattr(self, tool, None) is None]

    def substitute(self, command: str) -> str:
        """Replace ``{python}``, ``{tsc}``, ``{node}`` and ``{go}``; other braces are left alone."""
        values = {
            "python": self.python,
            "tsc": self.tsc or "tsc",
            "node": self.node or "node",
            "go": self.go or "go",
        }
        for name, value in values.items():
            command = command.replace("{" + name + "}", _quote(value))
        return command

    def _tool_dirs(self) -> list[str]:
        return [str(Path(tool).parent) for tool in (self.go, self.tsc) if tool is not None]

    @contextlib.contextmanager
    def on_path(self) -> Iterator[None]:
        """These tools on ``PATH`` while the block runs, so the agent checks its edits with the same
        compilers the hidden checks use (``tsc`` from ``make bench-deps`` is not on ``PATH`` otherwise)."""
        before = os.environ.get("PATH")
        os.environ["PATH"] = os.pathsep.join([*self._tool_dirs(), before or ""])
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("PATH", None)
            else:
                os.environ["PATH"] = before

    def environment(self, workspace: Path) -> dict[str, str]:
        env = dict(os.environ)
        env["PATH"] = os.pathsep.join([*self._tool_dirs(), env.get("PATH", "")])
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTEST_ADDOPTS", None)
        env.pop("PYTHONPATH", None)
        # Go must not try to download a toolchain or modules: tasks are offline and standard-library only.
        for name, value in GO_OFFLINE.items():
            env.setdefault(name, value)
        env["HOME"] = env.get("HOME") or str(workspace)
        return env


def _quote(value: str) -> str:
    return (
        value if all(c.isalnum() or c in "/._-+" for c in value) else "'" + value.replace("'", "'\\''") + "'"
    )


@dataclass(frozen=True)
class CheckResult:
    passed: bool
    returncode: int | None
    timed_out: bool
    seconds: float
    output: str
    """The last characters of stdout and stderr together."""


def run_check(command: str, workspace: Path, *, timeout: float, toolchain: Toolchain) -> CheckResult:
    """Run ``command`` (placeholders substituted) with bash in ``workspace``; exit 0 passes."""
    started = time.monotonic()
    process = subprocess.Popen(
        ["bash", "-c", toolchain.substitute(command)],
        cwd=workspace,
        env=toolchain.environment(workspace),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    timed_out = False
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill_group(process)
        out, _ = process.communicate()
    text = out.decode("utf-8", errors="replace")[-OUTPUT_TAIL:]
    code = None if timed_out else process.returncode
    return CheckResult(code == 0, code, timed_out, time.monotonic() - started, text)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
