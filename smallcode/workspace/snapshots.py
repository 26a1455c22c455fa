"""The session history: a private git repository whose work tree is the workspace.

Its git directory lives outside the workspace (a temporary directory by default), so the user's own
``.git`` is never read or written. Global and system git configuration are shut out and
``info/attributes`` turns off every filter and line-ending conversion, so files round-trip
byte for byte. What is recorded: every file git would track here (``.gitignore`` is honoured),
plus every file a Workspace method wrote or deleted, even an ignored one. Empty directories and a
fixed set of dependency and cache folders are not recorded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import ToolError
from .paths import TEMP_PREFIX

EXCLUDES = (
    ".git", "node_modules/", ".venv/", "venv/", "__pycache__/", "*.pyc", ".mypy_cache/",
    ".pytest_cache/", ".ruff_cache/", ".tox/", ".nox/", f"{TEMP_PREFIX}*",
)  # fmt: skip
ATTRIBUTES = "* -text -filter -ident -working-tree-encoding !eol\n"
CONFIG = """[core]
\tautocrlf = false
\tsafecrlf = false
\tsymlinks = true
\tfilemode = true
\tfsmonitor = false
\tquotepath = false
\thooksPath = {hooks}
\tuntrackedCache = false
[gc]
\tauto = 0
[advice]
\taddEmbeddedRepo = false
"""


@dataclass(frozen=True)
class Step:
    label: str
    before: str
    after: str


@dataclass
class _OpenStep:
    label: str
    before: str
    touched: set[str]
    suppress: bool = False


class History:
    """Snapshots of the workspace as commits in a private repository; see the module docstring."""

    def __init__(self, root: Path, directory: Path | None = None, *, record: bool = True) -> None:
        self.root = root
        self.record = record
        if directory is None:
            self.directory = Path(tempfile.mkdtemp(prefix="smallcode-history-"))
            self._finalizer: Callable[[], object] | None = weakref.finalize(
                self, shutil.rmtree, str(self.directory), True
            )
        else:
            self.directory = directory.expanduser().resolve()
            if self.directory == root or root in self.directory.parents:
                raise ToolError("the history directory must lie outside the workspace")
            self._finalizer = None
        self.git = shutil.which("git")
        self._git_dir = self.directory / "shadow.git"
        self._env: dict[str, str] | None = None
        self.baseline: str | None = None
        self._head: tuple[str, str] | None = None  # (commit, tree) of the latest snapshot
        self.steps: list[Step] = []
        self._known: set[str] = set()
        self._depth = 0
        self._open: _OpenStep | None = None

    @property
    def enabled(self) -> bool:
        return self.record and self.git is not None

    # -- git plumbing ---------------------------------------------------------------------------

    def _run(self, *args: str, check: bool = True, extra: dict[str, str] | None = None) -> str:
        if not self.record:
            raise ToolError("this workspace keeps no history (it was created with history=False)")
        if self.git is None:
            raise ToolError("undo, restore and diff need git installed on this machine")
        if self._env is None:
            self._env = self._prepare()
        done = subprocess.run(
            [self.git, *args],
            cwd=self.root,
            env={**self._env, **extra} if extra else self._env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
        if check and done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip()
            raise ToolError(f"workspace history failed (git {args[0]}): {message}")
        return done.stdout.decode("utf-8", "replace")

    def _prepare(self) -> dict[str, str]:
        hooks = self.directory / "no-hooks"
        env = {
            "PATH": os.environ.get("PATH", os.defpath),
            "GIT_DIR": str(self._git_dir),
            "GIT_WORK_TREE": str(self.root),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_LITERAL_PATHSPECS": "1",
            "GIT_OPTIONAL_LOCKS": "0",
            "GIT_TERMINAL_PROMPT": "0",
            "HOME": str(self.directory),
            "XDG_CONFIG_HOME": str(self.directory),
            "GIT_AUTHOR_NAME": "smallcode",
            "GIT_AUTHOR_EMAIL": "smallcode@localhost",
            "GIT_COMMITTER_NAME": "smallcode",
            "GIT_COMMITTER_EMAIL": "smallcode@localhost",
            "LC_ALL": "C",
        }
        if not (self._git_dir / "HEAD").exists():
            hooks.mkdir(parents=True, exist_ok=True)
            assert self.git is not None
            subprocess.run(
                [self.git, "init", "--quiet", "--bare", str(self._git_dir)],
                env={k: v for k, v in env.items() if k not in ("GIT_DIR", "GIT_WORK_TREE")},
                capture_output=True,
                check=True,
            )
            (self._git_dir / "config").write_text(CONFIG.format(hooks=hooks), encoding="utf-8")
            info = self._git_dir / "info"
            info.mkdir(exist_ok=True)
            (info / "exclude").write_text("\n".join(EXCLUDES) + "\n", encoding="utf-8")
            (info / "attributes").write_text(ATTRIBUTES, encoding="utf-8")
        return env

    def _stage(self, touched: Iterable[str] = ()) -> str:
        """Stage the work tree (plus ``touched`` files, even ignored ones); returns the tree id."""
        self._run("add", "--all", "--ignore-errors", "--", ".", check=False)
        existing = [p for p in touched if os.path.lexists(self.root / p)]
        if existing:
            self._run("add", "--force", "--ignore-errors", "--", *existing, check=False)
        return self._run("write-tree").strip()

    def snapshot(self, label: str, touched: Iterable[str] = ()) -> str:
        """Commit the current state (when it differs from the last one); returns the commit id."""
        tree = self._stage(touched)
        if self._head is not None and self._head[1] == tree:
            return self._head[0]
        args = ["commit-tree", tree, "-m", label or "snapshot"]
        if self._head is not None:
            args += ["-p", self._head[0]]
        commit = self._run(*args).strip()
        self._head = (commit, tree)
        self._known.add(commit)
        if self.baseline is None:
            self.baseline = commit
        return commit

    # -- steps ----------------------------------------------------------------------------------

    @contextmanager
    def step(self, label: str, touched: Iterable[str] = ()) -> Iterator[None]:
        """Record the state before and after the block as one step (the outermost block only)."""
        touched = tuple(touched)
        if not self.enabled:
            yield
            return
        if self._open is None:
            self._open = _OpenStep(label, self.snapshot(f"before: {label}", touched), set(touched))
        else:
            self._include_in_before(self._open, touched)
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                done, self._open = self._open, None
                after = self.snapshot(done.label, done.touched)
                if after != done.before and not done.suppress:
                    self.steps.append(Step(done.label, done.before, after))

    def _include_in_before(self, open_step: _OpenStep, touched: tuple[str, ...]) -> None:
        """A nested step touches a file the outer snapshot may not hold (an ignored file): add its
        present content to the outer step's starting point so undoing the step brings it back."""
        open_step.touched.update(touched)
        existing = [p for p in touched if os.path.lexists(self.root / p)]
        if not existing:
            return
        held = set(
            self._run("ls-tree", "-r", "--name-only", "-z", open_step.before, "--", *existing).split("\0")
        )
        missing = [p for p in existing if p not in held]
        if not missing:
            return
        index = self.directory / "before.index"
        extra = {"GIT_INDEX_FILE": str(index)}
        self._run("read-tree", open_step.before, extra=extra)
        self._run("add", "--force", "--ignore-errors", "--", *missing, check=False, extra=extra)
        tree = self._run("write-tree", extra=extra).strip()
        index.unlink(missing_ok=True)
        commit = self._run(
            "commit-tree", tree, "-p", open_step.before, "-m", "before (with ignored files)"
        ).strip()
        self._known.add(commit)
        open_step.before = commit

    def checkpoint(self) -> str:
        return self.snapshot("checkpoint", self._open.touched if self._open else ())

    def undo(self) -> str:
        if not self.steps:
            raise ToolError("nothing to undo: no recorded step changed the workspace")
        step = self.steps.pop()
        self.snapshot(f"before undo of: {step.label}")
        self._checkout(step.before)
        if self._open is not None:
            self._open.suppress = True  # an undo inside a step must not become a step to undo
        return step.label

    def restore(self, checkpoint: str) -> None:
        checkpoint = checkpoint.strip()
        if checkpoint not in self._known:
            raise ToolError(f"unknown checkpoint {checkpoint!r}; use an id returned by checkpoint()")
        with self.step(f"restore {checkpoint[:12]}"):
            self._checkout(checkpoint)

    def _checkout(self, commit: str) -> None:
        self._stage(self._open.touched if self._open else ())
        self._run("read-tree", "--reset", "-u", commit)
        if self._head is not None:
            self._head = (self._head[0], "")  # the work tree changed: the next snapshot must commit

    # -- reporting ------------------------------------------------------------------------------

    def diff(self) -> str:
        if self.baseline is None or not self.enabled:
            return ""
        tree = self._stage()
        return self._run("diff", "--no-color", "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/",
                         self.baseline, tree)  # fmt: skip

    def changed_files(self) -> list[str]:
        if self.baseline is None or not self.enabled:
            return []
        tree = self._stage()
        names = self._run("diff", "--name-only", "--no-renames", "-z", self.baseline, tree)
        return sorted(n for n in names.split("\0") if n)

    def close(self) -> None:
        if self._finalizer is not None:
            self._finalizer()
