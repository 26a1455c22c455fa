"""What the agent reads from a task's text: the files it names (and those it says to leave alone),
whether it asks for a change, whether it may take definitions away."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath

from ..repomap import language_for

# "src/app.py", "README.md", "units.test.js" in a task; not "e.g" or "1.5".
_FILE_NAME = re.compile(
    r"(?<![\w/.-])(?!(?:e\.g|i\.e)\b)((?:[\w-]+/)*[\w-]+(?:\.[\w-]+)*\.[A-Za-z][A-Za-z0-9]{0,5})\b"
)
# Suffixes that make a bare "name.ext" a file even before it exists; "Store.update" is a method.
_FILE_SUFFIXES = frozenset({
    ".md", ".txt", ".rst", ".json", ".toml", ".yaml", ".yml", ".html", ".htm", ".css", ".scss", ".csv",
    ".cfg", ".ini", ".sh", ".xml", ".sql", ".lock",
})  # fmt: skip
# Files no text written by a model can be: an image the task's page shows is not a file to write.
_BINARY_SUFFIXES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico", ".avif", ".pdf", ".zip", ".gz", ".tgz",
    ".woff", ".woff2", ".ttf", ".otf", ".mp3", ".mp4", ".wav", ".webm", ".so", ".dll", ".exe", ".pyc",
    ".sqlite", ".db",
})  # fmt: skip
# A code span or quoted string with a space in it is a command or a sample ("`python wc.py notes.txt`",
# "e.g. `3 12 70 notes.txt`", "returns 'a.html" class="x">A</a>'"): a file it names that does not exist
# is an argument or sample text, not one to write. A quote inside a word ("don't") opens nothing.
_SAMPLE = re.compile(r"`[^`\n]*`|(?<!\w)'[^'\n]*'(?!\w)|(?<!\w)\"[^\"\n]*\"(?!\w)")
# A task that asks for a change (not a question): finishing it with no file changed is refused once.
_CHANGE_VERB = re.compile(
    r"\b(add|fix|change|implement|create|write|update|rename|remove|delete|refactor|make|move|replace|"
    r"extract|convert|support|rewrite|edit|modify|append|insert|correct|repair|deprecate|propagate)\b",
    re.IGNORECASE,
)

# "Do not modify account.py.", "must not change index.html": what follows, to the end of the clause.
_KEEP_CLAUSE = re.compile(
    r"\b(?:do\s+not|don't|must\s+not|should\s+not|never)\s+(?:chang|modif|edit|touch|alter)\w*\s+(.{0,160}?)"
    r"(?:[.;:!?](?:\s|$)|$)",
    re.IGNORECASE | re.DOTALL,
)

# "Write test_calc.py", "create a new file `src/app.ts`": a file the task asks for, soon after the verb.
_WRITE_CLAUSE = re.compile(
    r"\b(?:write|create|add)\s+(?:[\w-]+\s+){0,4}?[`'\"]?((?:[\w-]+/)*[\w-]+(?:\.[\w-]+)*\.[A-Za-z]\w*)",
    re.IGNORECASE,
)

_KEEP_OBJECT = re.compile(
    r"(?:the\s+files?\s+|any\s+of\s+|either\s+)?[`'\"]?(?:[\w-]+/)*[\w-]+\.[A-Za-z]", re.IGNORECASE
)

# A task that may take definitions away on purpose: a dropped one is no slip to point out.
_RESHAPE_VERB = re.compile(
    r"\b(refactor|restructur|reorgani[sz]|remov|delet|renam|replac|mov|inlin|merg|split|extract|drop)[a-z]*\b(?!_)",
    re.IGNORECASE,
)


def _unless_example(span: re.Match[str]) -> str:
    return " " if any(c.isspace() for c in span.group()) else span.group()


def named_files(task: str, exists: Callable[[str], bool]) -> tuple[str, ...]:
    """The text files a task names: existing ones, and paths and names with a file suffix that it
    names outside its sample commands and output."""
    outside = set(_FILE_NAME.findall(_SAMPLE.sub(_unless_example, task)))
    return tuple(
        name
        for name in dict.fromkeys(_FILE_NAME.findall(task))
        if PurePosixPath(name).suffix.lower() not in _BINARY_SUFFIXES
        and (
            exists(name)
            or (
                name in outside
                and (
                    "/" in name
                    or language_for(name) is not None
                    or PurePosixPath(name).suffix.lower() in _FILE_SUFFIXES
                )
            )
        )
    )


def kept_as_is(task: str, named: Sequence[str]) -> set[str]:
    """The files among ``named`` that the task says not to change ("Do not modify account.py")."""
    # Only a clause that starts with the files: "do not change the signature of parse() in parser.py"
    # keeps the signature, not the file.
    clauses = [c for c in _KEEP_CLAUSE.findall(task) if _KEEP_OBJECT.match(c)]
    said = {name for clause in clauses for name in _FILE_NAME.findall(clause)}
    return {path.removeprefix("./") for path in named if path.removeprefix("./") in said or path in said}


def to_write(task: str, named: Sequence[str]) -> set[str]:
    """The files among ``named`` that the task asks to write or create ("Write test_calc.py (pytest)")."""
    said = set(_WRITE_CLAUSE.findall(task))
    return {path.removeprefix("./") for path in named if path in said or path.removeprefix("./") in said}


def asks_for_change(task: str) -> bool:
    return bool(_CHANGE_VERB.search(task)) and not task.rstrip().endswith("?")


def asks_to_reshape(task: str) -> bool:
    return _RESHAPE_VERB.search(task) is not None
