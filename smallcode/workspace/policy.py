"""Command policy: allow, deny, or ask an approval callback, before a command runs.

The built-in rules read the command with ``shell.simple_commands`` and come in two strengths.
Hard rules (privilege escalation, writes outside the workspace or into ``.git``, deleting the whole
workspace, hidden commands such as ``eval`` or text piped into a shell, reading another process's
environment or memory) cannot be lifted by ``allow`` patterns. Soft rules (network tools, package
installs, long-running servers and interactive programs, git commands that change history) can:
``CommandPolicy(allow=["npm start"], network=True)``.

This is a guard against a confused model, not a security boundary against a hostile one: code run
by an interpreter (``python -c ...``) is not analysed. The checks that hold regardless live in
``Workspace`` (paths, scrubbed environment, process-tree kill).
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import SandboxViolation
from . import rules
from .shell import Simple, simple_commands, strip_assignments

Verdict = Literal["allow", "ask", "deny"]
Approver = Callable[[str, str], bool]
_RANK: dict[Verdict, int] = {"allow": 0, "ask": 1, "deny": 2}

_MAX_DEPTH = 4
# Variables with a known meaning in a command: its private temp directory and its working directory.
_PRIVATE_TMP = "/smallcode-private-tmp"
_VARIABLE_PREFIX = re.compile(r"^\$(?:\{(\w+)\}|(\w+))(?=/|$)")
_DEVICES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/tty", "/dev/shm")
_CREATED_CACHES = (("go", "go-build"),)
_HOME_CACHES = (".npm", ".cargo", "go", ".m2", ".gradle", ".yarn", ".bun", ".pnpm-store")


@dataclass(frozen=True)
class Finding:
    verdict: Verdict
    reason: str
    hard: bool = True


@dataclass(frozen=True)
class Decision:
    """The policy's answer for one command; ``reason`` explains a refusal in words a model can act on."""

    verdict: Verdict
    reasons: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        return "; ".join(dict.fromkeys(self.reasons))


@dataclass
class _Context:
    root: str
    cwd: str | None
    protected: tuple[str, ...]
    writable: tuple[str, ...]
    findings: list[Finding] = field(default_factory=list)


def _inside(path: str, base: str) -> bool:
    return path == base or path.startswith(base.rstrip(os.sep) + os.sep)


def _expand_known(word: str, ctx: _Context) -> str:
    match = _VARIABLE_PREFIX.match(word)
    if match is None:
        return word
    name = match.group(1) or match.group(2)
    if name in ("TMPDIR", "TMP", "TEMP"):
        return _PRIVATE_TMP + word[match.end() :]
    if name == "PWD" and ctx.cwd is not None:
        return ctx.cwd + word[match.end() :]
    return word


def _positional(args: Sequence[str], program: str = "") -> list[str]:
    out: list[str] = []
    skip = False
    options_done = False
    for arg in args:
        if skip:
            skip = False
            continue
        if not options_done and arg == "--":
            options_done = True
            continue
        if not options_done and arg.startswith("-") and arg != "-":
            skip = arg in rules.VALUED.get(program, set())
            continue
        out.append(arg)
    return out


def _flag(args: Sequence[str], short: str, long: str) -> bool:
    return any(
        a == long or (a.startswith("-") and not a.startswith("--") and short in a[1:])
        for a in args
        if a != "--"
    )


class CommandPolicy:
    """Decides whether a command may run. ``approve(command, reason)`` answers the ``ask`` verdicts;
    without it they are refused.

    Args:
        allow: glob patterns for commands (matched per simple command and against the whole line)
            that lift the soft rules, e.g. ``"npm start"`` or ``"curl *"``.
        ask: patterns that need approval. deny: patterns that are always refused.
        network: allow network tools without asking.
        installs / git_writes / servers: the verdict for package installs, history-changing git
            commands, and long-running servers or interactive programs.
        writable: directories outside the workspace commands may write to.
        env_allow: environment variables passed to commands although they look secret.
        max_timeout: the longest timeout a command may ask for, in seconds.
        contain: confine commands in the kernel where it offers Landlock (Linux 5.13+): writes
            only in the workspace, a private temp directory, ``writable`` and build caches; no TCP
            unless ``network``; no signals to, or environment reads of, processes outside.
        caches: let confined commands write the build tools' caches in the home directory.
    """

    def __init__(
        self,
        *,
        allow: Sequence[str] = (),
        ask: Sequence[str] = (),
        deny: Sequence[str] = (),
        approve: Approver | None = None,
        network: bool = False,
        installs: Verdict = "ask",
        git_writes: Verdict = "ask",
        servers: Verdict = "deny",
        writable: Sequence[str | Path] = (),
        env_allow: Sequence[str] = (),
        max_timeout: float = 600.0,
        contain: bool = True,
        caches: bool = True,
    ) -> None:
        self.allow = tuple(allow)
        self.ask = tuple(ask)
        self.deny = tuple(deny)
        self.approve = approve
        self.network = network
        self.installs: Verdict = installs
        self.git_writes: Verdict = git_writes
        self.servers: Verdict = servers
        self.writable = tuple(os.path.realpath(p) for p in writable)
        self.env_allow = tuple(env_allow)
        self.max_timeout = max_timeout
        self.contain = contain
        self.caches = caches

    def command_writable(self) -> list[str]:
        """Paths a confined command may write besides the workspace and its own temp directory:
        the harmless devices, ``writable``, and (with ``caches``) the build tools' caches in the
        home directory, except smallcode's own."""
        paths = [*_DEVICES, *self.writable]
        if self.caches:
            home = Path.home()
            paths += [str(home / name) for name in _HOME_CACHES]
            cache = home / ".cache"
            for tool, name in _CREATED_CACHES:
                # A cache the tool would create on first use cannot be created from inside the sandbox.
                if shutil.which(tool) and not (cache / name).exists():
                    with contextlib.suppress(OSError):
                        (cache / name).mkdir(parents=True)
            if cache.is_dir():
                paths += [str(entry) for entry in sorted(cache.iterdir()) if entry.name != "smallcode"]
        return paths

    # -- public ---------------------------------------------------------------------------------

    def decide(self, command: str, root: Path, *, protected: Sequence[Path] = ()) -> Decision:
        """The verdict for ``command`` run in ``root``; ``protected`` paths may not be named at all."""
        context = _Context(
            root=str(root),
            cwd=str(root),
            protected=tuple(str(p) for p in protected),
            writable=self.writable,
        )
        try:
            self._line(command, context, depth=0)
        except SandboxViolation as exc:
            context.findings.append(Finding("deny", str(exc)))
        for pattern in self.deny:
            if fnmatch.fnmatchcase(command.strip(), pattern):
                context.findings.append(Finding("deny", f"matches the deny rule {pattern!r}"))
        for pattern in self.ask:
            if fnmatch.fnmatchcase(command.strip(), pattern):
                context.findings.append(Finding("ask", f"matches the ask rule {pattern!r}"))
        worst: Verdict = "allow"
        for finding in context.findings:
            if _RANK[finding.verdict] > _RANK[worst]:
                worst = finding.verdict
        return Decision(worst, tuple(f.reason for f in context.findings if f.verdict == worst))

    def enforce(self, command: str, root: Path, *, protected: Sequence[Path] = ()) -> None:
        """Return if ``command`` may run; otherwise raise ``SandboxViolation`` with the reason."""
        decision = self.decide(command, root, protected=protected)
        if decision.verdict == "allow":
            return
        if decision.verdict == "ask":
            if self.approve is not None and self.approve(command, decision.reason):
                return
            raise SandboxViolation(f"command not approved ({decision.reason}): {command}")
        raise SandboxViolation(f"command refused ({decision.reason}): {command}")

    # -- analysis -------------------------------------------------------------------------------

    def _line(self, command: str, ctx: _Context, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise SandboxViolation("commands nested this deeply cannot be checked")
        if rules.FORK_BOMB.search(command):
            ctx.findings.append(Finding("deny", "a function that pipes into itself is a fork bomb"))
        for protected in ctx.protected:
            if protected and protected in command:
                ctx.findings.append(Finding("deny", "the workspace history is off limits to commands"))
        for simple in simple_commands(command):
            lifted = self._allowed(simple.text) or self._allowed(command.strip())
            before = len(ctx.findings)
            self._simple(simple, ctx, depth)
            if lifted:
                ctx.findings[before:] = [f for f in ctx.findings[before:] if f.hard]

    def _allowed(self, text: str) -> bool:
        return any(fnmatch.fnmatchcase(text, pattern) for pattern in self.allow)

    def _simple(self, simple: Simple, ctx: _Context, depth: int) -> None:
        add = ctx.findings.append
        for word in [*simple.words, *simple.writes, *simple.reads]:
            if "/dev/tcp/" in word or "/dev/udp/" in word:
                add(self._network(f"{word} opens a network connection"))
            if rules.PROCESS_SECRETS.search(word):
                add(Finding("deny", f"{word!r} reads process memory or environment"))
            if rules.CREDENTIALS.search(word):
                add(Finding("deny", f"{word!r} holds credentials"))
        for target in simple.writes:
            self._write_target(target, ctx, "a redirection")
        for source in simple.reads:
            self._reference(source, ctx)
        words = self._unwrap(strip_assignments(simple.words), ctx)
        if not words:
            return
        if os.path.basename(words[0]) not in ("cd", "pushd"):
            for word in words[1:]:
                self._reference(word.split("=", 1)[1] if word.startswith("--") and "=" in word else word, ctx)
        if "$" in words[0]:
            add(Finding("deny", f"the program name {words[0]!r} comes from a variable or substitution"))
            return
        program = os.path.basename(words[0])
        args = words[1:]
        script = _positional(args)[:1]
        if simple.piped_into and program in rules.INTERPRETERS and script in ([], ["-"]):
            add(Finding("deny", f"piping text into {program} hides what runs; write a file and run it"))
        if program in rules.SHELLS:
            self._shell(program, args, ctx, depth)
        elif program == "eval":
            add(Finding("deny", "eval hides what runs; run the command directly"))
        elif program in rules.PRIVILEGED:
            add(Finding("deny", f"{program} changes the system or other processes"))
        elif program in rules.DEBUGGERS:
            add(Finding("deny", f"{program} attaches to processes"))
        elif program == "kill":
            targets = _positional(args[1:] if args and args[0].startswith("-") else args, "kill")
            if not targets or not all(a.startswith("%") for a in targets):
                add(Finding("deny", "kill may only stop the command's own jobs (kill %1)"))
        elif program == "ps" and args and not args[0].startswith("-") and "e" in args[0]:
            add(Finding("deny", "ps e shows other processes' environments"))
        elif program in ("cd", "pushd", "popd"):
            self._cd(program, args, ctx)
        elif program == "git":
            self._git(args, ctx)
        elif program in rules.NETWORK:
            add(self._network(f"{program} uses the network"))
        elif program in rules.SERVERS or (
            program == "tail" and (_flag(args, "f", "--follow") or _flag(args, "F", "--follow"))
        ):
            add(self._server(program))
        elif program == "find":
            self._find(args, ctx, depth)
        else:
            self._writers(program, args, ctx)
            self._installs_and_servers(program, args, ctx)

    def _unwrap(self, words: list[str], ctx: _Context) -> list[str]:
        """Skip ``env``/``nohup``/``timeout``/``xargs``/... to reach the program they run."""
        while words and os.path.basename(words[0]) in rules.WRAPPERS:
            wrapper = os.path.basename(words[0])
            rest = words[1:]
            valued = rules.VALUED.get(wrapper, set())
            while rest and rest[0].startswith("-") and rest[0] != "-":
                option = rest.pop(0)
                if option == "--":
                    break
                if wrapper == "env" and option.startswith(("-S", "--split-string")):
                    ctx.findings.append(Finding("deny", "env -S hides what runs; run the command directly"))
                if wrapper == "env" and option in ("-C", "--chdir") and rest:
                    self._cd("cd", [rest[0]], ctx)
                if option in valued and rest:
                    rest.pop(0)
            if wrapper == "env":
                rest = strip_assignments(rest)
            if wrapper == "timeout" and rest:
                rest = rest[1:]
            if wrapper == "xargs" and rest and os.path.basename(rest[0]) in rules.ALL_ARGS_WRITTEN:
                ctx.findings.append(
                    Finding("ask", f"xargs {rest[0]} takes its targets from input that cannot be checked")
                )
            words = rest
        return words

    def _shell(self, program: str, args: list[str], ctx: _Context, depth: int) -> None:
        for index, arg in enumerate(args):
            if arg.startswith("-") and not arg.startswith("--") and "c" in arg[1:]:
                if index + 1 < len(args):
                    self._line(args[index + 1], ctx, depth + 1)
                return

    def _cd(self, program: str, args: list[str], ctx: _Context) -> None:
        targets = _positional(args)
        if program == "popd" or (targets and (targets[0] == "-" or "$" in targets[0])):
            ctx.cwd = None
        elif not targets or targets[0].startswith("~"):
            ctx.cwd = os.path.expanduser("~")
        elif ctx.cwd is not None or os.path.isabs(targets[0]):
            ctx.cwd = os.path.normpath(os.path.join(ctx.cwd or "/", targets[0]))

    def _git(self, args: list[str], ctx: _Context) -> None:
        index = 0
        while index < len(args) and args[index].startswith("-"):
            option = args[index]
            if option.startswith(("--git-dir", "--work-tree", "--exec-path")):
                ctx.findings.append(Finding("deny", f"git {option} points git at another repository"))
            if option == "-C" and index + 1 < len(args):
                self._write_target(args[index + 1], ctx, "git -C")
                index += 1
            if option == "-c":
                ctx.findings.append(
                    Finding("deny", "git -c can run arbitrary programs through configuration")
                )
                index += 1
            index += 1
        sub = args[index] if index < len(args) else ""
        if sub in rules.GIT_NETWORK:
            ctx.findings.append(self._network(f"git {sub} uses the network"))
        elif sub and sub not in rules.GIT_READONLY and not (sub == "branch" and len(args) == index + 1):
            ctx.findings.append(
                Finding(self.git_writes, f"git {sub} changes the repository's history", hard=False)
            )

    def _find(self, args: list[str], ctx: _Context, depth: int) -> None:
        starts: list[str] = []
        for arg in args:
            if arg.startswith(("-", "(", "!")):
                break
            starts.append(arg)
        acting = {"-delete", "-exec", "-execdir", "-ok", "-okdir", "-fprint", "-fprintf", "-fls"}
        if any(a in acting for a in args):
            for start in starts or ["."]:
                self._write_target(start, ctx, "find")
        for index, arg in enumerate(args):
            if arg in ("-exec", "-execdir", "-ok", "-okdir"):
                inner: list[str] = []
                for word in args[index + 1 :]:
                    if word in (";", "+"):
                        break
                    inner.append(word)
                if inner:
                    self._simple(Simple(words=inner), ctx, depth + 1)

    def _writers(self, program: str, args: list[str], ctx: _Context) -> None:
        positional = _positional(args, program)
        if "--no-preserve-root" in args:
            ctx.findings.append(Finding("deny", "--no-preserve-root is never needed"))
        targets: list[str] = []
        if program in rules.ALL_ARGS_WRITTEN:
            targets = positional
        elif program in rules.FIRST_ARG_IS_SPEC:
            targets = positional[1:]
        elif program in rules.DEST_WRITTEN:
            explicit = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "-t"]
            explicit += [a.split("=", 1)[1] for a in args if a.startswith("--target-directory=")]
            targets = explicit or positional[-1:]
            if program == "ln":
                self._link_sources(args, positional if explicit else positional[:-1], ctx)
        elif program == "dd":
            targets = [a[3:] for a in args if a.startswith("of=")]
        elif program in ("sed", "perl") and any(a.startswith("-i") or a == "--in-place" for a in args):
            scripted = any(a in ("-e", "-f", "--expression") for a in args) or program == "perl"
            targets = positional if scripted else positional[1:]
            if program == "perl":
                targets = [t for t in positional if not t.startswith(("s/", "$", "print"))]
        elif program == "tar" and args and ("x" in args[0].lstrip("-") or "--extract" in args):
            targets = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "-C"] or ["."]
        elif program == "unzip":
            targets = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "-d"] or ["."]
        for target in targets:
            self._write_target(target, ctx, program)
        if (program in rules.DELETERS and _flag(args, "r", "--recursive")) or (
            program in rules.DELETERS and _flag(args, "R", "--recursive")
        ):
            for target in positional:
                if self._wipes_root(target, ctx):
                    ctx.findings.append(
                        Finding("deny", f"{program} {target} would delete the whole workspace")
                    )

    def _link_sources(self, args: list[str], sources: list[str], ctx: _Context) -> None:
        symbolic = _flag(args, "s", "--symbolic")
        for source in sources:
            if symbolic and not os.path.isabs(source) and ctx.cwd is not None:
                # A relative symlink target is relative to the link's directory; the cwd is close enough
                # to catch "../../.." escapes, and absolute targets are checked exactly.
                path = os.path.normpath(os.path.join(ctx.cwd, source))
            else:
                path = self._absolute(source, ctx) or ""
            if not path or not _inside(path, ctx.root):
                kind = "symbolic" if symbolic else "hard"
                ctx.findings.append(
                    Finding("deny", f"a {kind} link to {source} would lead out of the workspace")
                )

    def _absolute(self, word: str, ctx: _Context) -> str | None:
        if word.startswith("~"):
            return os.path.normpath(os.path.expanduser(word))
        if os.path.isabs(word):
            return os.path.normpath(word)
        if ctx.cwd is None:
            return None
        return os.path.normpath(os.path.join(ctx.cwd, word))

    def _wipes_root(self, target: str, ctx: _Context) -> bool:
        path = self._absolute(target, ctx)
        if path is None:
            return True
        head, tail = os.path.split(path)
        return path == ctx.root or (head == ctx.root and tail in ("*", ".*", "{*,.*}"))

    def _reference(self, word: str, ctx: _Context) -> None:
        """A relative path argument must stay in the workspace, also through symbolic links.
        (Absolute paths may be read: system headers and the like; writes are checked apart.)"""
        if not word or word.startswith(("-", "~", "/")) or "$" in word or ctx.cwd is None:
            return
        path = os.path.normpath(os.path.join(ctx.cwd, word))
        if not _inside(path, ctx.root):
            ctx.findings.append(Finding("deny", f"{word!r} refers to a path outside the workspace"))
        elif not _inside(os.path.realpath(path), ctx.root):
            ctx.findings.append(
                Finding("deny", f"{word!r} leads out of the workspace through a symbolic link")
            )

    def _write_target(self, word: str, ctx: _Context, what: str) -> None:
        add = ctx.findings.append
        if word in rules.SAFE_SINKS or re.fullmatch(r"/dev/fd/\d+|/proc/self/fd/\d+", word):
            return
        word = _expand_known(word, ctx)
        if "$" in word or "`" in word:
            add(Finding("deny", f"cannot check where {what} writes: {word!r} uses a variable"))
            return
        if _inside(os.path.normpath(word), _PRIVATE_TMP):
            return
        path = self._absolute(word, ctx)
        if path is None:
            add(Finding("deny", f"cannot check where {what} writes after a cd to an unknown directory"))
            return
        if _inside(path, ctx.root):
            real = os.path.realpath(path)
            if not _inside(real, ctx.root):
                add(
                    Finding(
                        "deny", f"{what} writes through a symbolic link that leaves the workspace ({word})"
                    )
                )
            elif any(p.lower() == ".git" for p in Path(os.path.relpath(real, ctx.root)).parts):
                add(Finding("deny", f"{what} writes into .git ({word}); tools may not touch it"))
            return
        if any(_inside(path, base) for base in ctx.writable) and not any(
            p and _inside(path, p) for p in ctx.protected
        ):
            return
        add(Finding("deny", f"{what} writes outside the workspace ({word})"))

    def _installs_and_servers(self, program: str, args: list[str], ctx: _Context) -> None:
        positional = _positional(args, program)
        first = positional[0] if positional else ""
        if program in rules.ALWAYS_DOWNLOAD or first in rules.INSTALL_VERBS.get(program, ()):
            ctx.findings.append(Finding(self.installs, f"{program} {first} installs packages", hard=False))
        if program.startswith("python") and "-m" in args:
            module = args[args.index("-m") + 1] if args.index("-m") + 1 < len(args) else ""
            if module in ("pip", "ensurepip") and set(args) & {"install", "download", "uninstall"}:
                ctx.findings.append(Finding(self.installs, "pip install installs packages", hard=False))
            if module in rules.SERVER_MODULES or (module == "flask" and "run" in args):
                ctx.findings.append(self._server(f"python -m {module}"))
        if program in ("npm", "yarn", "pnpm", "bun"):
            script = positional[1] if first == "run" and len(positional) > 1 else first
            if script in rules.SERVER_WORDS:
                ctx.findings.append(self._server(f"{program} {script}"))
        if (
            (program in ("flask", "streamlit") and first == "run")
            or "runserver" in positional
            or (
                program in ("rails", "hugo", "jekyll", "mkdocs", "vite", "next", "ng")
                and first in rules.SERVER_WORDS | {"s"}
            )
            or (program == "php" and "-S" in args)
        ):
            ctx.findings.append(self._server(f"{program} {first}".strip()))

    def _network(self, reason: str) -> Finding:
        return Finding("allow" if self.network else "deny", reason + " (network access is off)", hard=False)

    def _server(self, what: str) -> Finding:
        return Finding(
            self.servers,
            f"{what} keeps running or waits for a person; it would only be killed at the timeout. "
            "Run the tests or a command that exits instead",
            hard=False,
        )
