"""What a run has done and what it has left: the files it has not changed, why each one matters,
and the reminder that goes with every tool result."""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import prompts
from ..repomap import RepoMap, top_level_names
from ..workspace.discovery import is_test_file
from .state import RunState
from .task import asks_to_reshape, to_write


def untouched(state: RunState, exists: Callable[[str], bool]) -> list[str]:
    """Existing files the task names, or that use what the run changed, that this run has not
    changed (tests excluded), once it has changed some: small models leave a change that spans
    files half done. Missing files the task names too when the task asks to write them, or when the
    run created only files the task does not name: small models write the content a task asks for
    into a file they name, or change the file it is about instead of writing the one it asks for."""
    if not state.changed:
        return []
    named = {name.removeprefix("./") for name in state.named_files}
    astray = bool(state.created - named) and not state.changed_paths & named
    asked = to_write(state.task, state.named_files)

    def left(name: str) -> bool:
        path = name.removeprefix("./")
        if path in state.changed_paths or path in state.protected:  # tests, and files the task says to keep
            return False
        if exists(name):
            return not is_test_file(name)
        return name in state.named_files and (astray or path in asked)

    return [name for name in dict.fromkeys([*state.named_files, *state.dependents]) if left(name)]


def why_follow(state: RunState, path: str, exists: Callable[[str], bool]) -> str:
    """Why the agent asks for ``path`` next: the lines there that use what the run changed, or
    that the task names it (and it is missing)."""
    uses = state.dependents.get(path)
    if uses:
        lines = "\n".join(f"  line {use.line}: {use.text}" for use in uses)
        return prompts.FOLLOW_USES.format(path=path, lines=lines)
    if not exists(path):
        return prompts.FOLLOW_MISSING.format(path=path, written=", ".join(sorted(state.changed_paths)))
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


def dropped(state: RunState, path: str, text: str, *, before: str | None = None) -> list[str]:
    """Top-level names ``path`` defined when the run began that ``text`` no longer defines and the
    task does not mention (with ``before``: only those this write took away). Small models rewriting
    a whole file leave out what they were not asked about; a task that may remove definitions on
    purpose (a refactor, a rename, a move) gets nothing."""
    original = state.originals.get(path.removeprefix("./"))
    if original is None or asks_to_reshape(state.task):
        return []
    had = top_level_names(path, original)
    if had is not None and before is not None:
        earlier = top_level_names(path, before)
        had = had & earlier if earlier is not None else None
    has = top_level_names(path, text)
    if had is None or has is None:
        return []
    return sorted(name for name in had - has if not re.search(rf"\b{re.escape(name)}\b", state.task))


def dropped_note(path: str, names: list[str]) -> str:
    return prompts.DROPPED.format(path=path, names=", ".join(f"`{name}`" for name in names))


def lost_definitions(state: RunState, text: Callable[[str], str | None]) -> list[tuple[str, str]]:
    """Each changed file that still lacks definitions it had when the run began, with the note."""
    lost = []
    for path in dict.fromkeys(state.changed):
        now = text(path)
        names = dropped(state, path, now) if now is not None else []
        if names:
            lost.append((path, dropped_note(path, names)))
    return lost
