"""What a run has done and what it has left: the files it has not changed, why each one matters,
and the reminder that goes with every tool result."""

from __future__ import annotations

from collections.abc import Callable

from .. import prompts
from ..repomap import RepoMap
from .state import RunState
from .task import is_test_file


def untouched(state: RunState, exists: Callable[[str], bool]) -> list[str]:
    """Existing files the task names, or that use what the run changed, that this run has not
    changed (tests excluded), once it has changed some: small models leave a change that spans
    files half done. Missing files the task names too when the run created only files the task
    does not name: small models write the content a task asks for into a file they name."""
    if not state.changed:
        return []
    named = {name.removeprefix("./") for name in state.named_files}
    astray = bool(state.created - named) and not state.changed_paths & named
    return [
        name
        for name in dict.fromkeys([*state.named_files, *state.dependents])
        if name.removeprefix("./") not in state.changed_paths
        and not is_test_file(name)  # protected files are tests too
        and (exists(name) or (astray and name in state.named_files))
    ]


def why_follow(state: RunState, path: str, exists: Callable[[str], bool]) -> str:
    """Why the agent asks for ``path`` next: the lines there that use what the run changed, or
    that the task names it (and it is missing)."""
    uses = state.dependents.get(path)
    if uses:
        lines = "\n".join(f"  line {use.line}: {use.text}" for use in uses)
        return prompts.FOLLOW_USES.format(path=path, lines=lines)
    if not exists(path):
        return prompts.FOLLOW_MISSING.format(path=path, created=", ".join(sorted(state.created)))
    return prompts.FOLLOW_NAMED.format(path=path)


def progress_note(state: RunState, exists: Callable[[str], bool]) -> str:
    """A reminder of what is done and which files the task names: small models lose track."""
    checklist = ""
    if state.named_files:
        status = [f"{name} ({'exists' if exists(name) else 'missing'})" for name in state.named_files]
        checklist = prompts.CHECKLIST.format(files=", ".join(status))
    return prompts.PROGRESS.format(changed=", ".join(sorted(set(state.changed))), checklist=checklist)


def note_dependents(state: RunState, repo: RepoMap, path: str, before: str) -> None:
    """Remember the lines of other files that use what this edit changed (a signature, a name)."""
    for use in repo.impact(path.removeprefix("./"), before):
        found = state.dependents.setdefault(use.path, [])
        if use not in found:
            found.append(use)
