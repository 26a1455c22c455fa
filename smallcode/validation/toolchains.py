"""The external tools that check a file: node, gofmt and go, tsc — run offline, with a time limit,
their output cut to what the model can act on."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

_CHECK_TIMEOUT = 20.0
_TIMED_OUT = f"did not finish within {_CHECK_TIMEOUT:.0f} s"


def _external(
    command: list[str], cwd: Path, env: dict[str, str] | None = None, *, limit: int | None = 1500
) -> str | None:
    """``command``'s output when it fails (at most ``limit`` characters), None when it succeeds."""
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=_CHECK_TIMEOUT,
            stdin=subprocess.DEVNULL,
            env=None if env is None else {**os.environ, **env},
        )
    except subprocess.TimeoutExpired:
        return f"{command[0]} {_TIMED_OUT}"
    if done.returncode == 0:
        return None
    output = (done.stderr or done.stdout).replace(f"{cwd}{os.sep}", "")  # paths as the model names them
    return output.strip()[:limit] or f"{command[0]} exited with {done.returncode}"


def node_check(path: Path, root: Path) -> str | None:
    """``node --check``, without the lines about node's own internals (its stack, its version)."""
    problem = _external(["node", "--check", path.relative_to(root).as_posix()], root)
    if problem is None:
        return None
    kept = [
        line
        for line in problem.splitlines()
        if line.strip() and not line.startswith(("    at ", "Node.js v"))
    ]
    return "\n".join(kept)


# Never fetch modules or toolchains, nor rewrite go.mod, while checking. A dependency go.mod requires
# that is not in the module cache leaves the types unchecked; an import no required module provides
# ("github.com/yourname/pkg") is the edit's own fault.
GO_OFFLINE = {"GOPROXY": "off", "GOTOOLCHAIN": "local", "GOFLAGS": "-mod=readonly"}
_GO_UNCHECKABLE = ("GOPROXY=off", "missing go.sum entry", "GOTOOLCHAIN", "updates to go.mod needed")


def go_check(path: Path, root: Path) -> tuple[str | None, str]:
    """Syntax with gofmt; then, with the go tool at hand, the types: the file's package is compiled
    (with its tests when the file is a test), so an edit that does not build is caught at once."""
    if problem := _external(["gofmt", "-e", "-l", path.relative_to(root).as_posix()], root):
        return problem, "gofmt -e"
    if shutil.which("go") is None:
        return None, "gofmt -e"
    test = path.name.endswith("_test.go")
    action = ["go", "test", "-count=1", "-run", "^$"] if test else ["go", "build", "-o", os.devnull]
    module = next((d for d in path.parents if (d / "go.mod").is_file() and d.is_relative_to(root)), None)
    if module is not None:
        command, cwd = [*action, "./" + path.parent.relative_to(module).as_posix()], module
    else:  # no module: the directory's files are the package
        files = sorted(f.name for f in path.parent.glob("*.go") if test or not f.name.endswith("_test.go"))
        command, cwd = [*action, *files], path.parent
    problem = _external(command, cwd, env=GO_OFFLINE)
    if problem is not None and any(mark in problem for mark in _GO_UNCHECKABLE):
        return None, "gofmt -e"
    return problem, " ".join(action[:2])


@functools.cache
def go_standard_packages() -> tuple[str, ...]:
    """The import paths of Go's standard library (``go list std``) but its internal ones; none
    without the go tool."""
    if shutil.which("go") is None:
        return ()
    try:
        done = subprocess.run(
            ["go", "list", "std"],
            cwd=tempfile.gettempdir(),  # outside any module, whose go.mod could ask for another toolchain
            capture_output=True,
            text=True,
            timeout=_CHECK_TIMEOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **GO_OFFLINE},
        )
    except subprocess.TimeoutExpired:
        return ()
    hidden = {"internal", "vendor"}
    return () if done.returncode else tuple(p for p in done.stdout.split() if not hidden & set(p.split("/")))


def typescript_check(path: Path, root: Path, tsc: str) -> str | None:
    """The file's type errors: with the project's own settings where a ``tsconfig.json`` holds them
    (the whole project is compiled, and only this file's errors count), else with tsc's defaults."""
    config = next((d / "tsconfig.json" for d in path.parents if d.is_relative_to(root)
                   and (d / "tsconfig.json").is_file()), None)  # fmt: skip
    if config is None:
        relative = path.relative_to(root).as_posix()
        problem = _external([tsc, "--noEmit", "--skipLibCheck", "--target", "es2020", relative], root)
    else:  # the whole project's output, cut only once this file's errors are picked from it
        problem = _external([tsc, "--noEmit", "-p", config.name], config.parent, limit=None)
        if problem is not None and not problem.endswith(_TIMED_OUT):
            problem = _errors_of(problem, path.relative_to(config.parent).as_posix())
    return _TS_NO_MODULE.sub(_no_module, problem) if problem else None


def _errors_of(output: str, name: str) -> str | None:
    """The diagnostics of one file in tsc's output (each with its indented continuation lines)."""
    kept: list[str] = []
    keeping = False
    for line in output.splitlines():
        if not line.startswith(" "):
            keeping = line.startswith(f"{name}(")
        if keeping:
            kept.append(line)
    return "\n".join(kept)[:1500] or None


# tsc's advice for a module it cannot find is about its own settings; a small model takes it for
# the fix ("set moduleResolution to nodenext") instead of seeing that the module does not exist.
_TS_NO_MODULE = re.compile(
    r"Cannot find module '([^']+)'\. Did you mean to set the 'moduleResolution' option.*"
)


def _no_module(match: re.Match[str]) -> str:
    module = match.group(1)
    if module.startswith("."):
        return f"Cannot find module '{module}': the project has no such file."
    return f"Cannot find module '{module}': no such package is installed."
