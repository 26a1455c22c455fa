"""A conservative reading of a shell command line into simple commands and their redirections.

It is not a shell parser: it splits on the control operators (``; & && || | ( )``, newlines,
backquotes and ``$(``), removes quoting the way the shell would, and keeps redirections apart.
Where it cannot tell what a word means, the policy treats the word as unknown and stays strict.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from ..errors import SandboxViolation

_OPERATORS = sorted(
    ["&>>", ">>", "&>", ">&", "<&", ">|", "<>", "<<<", "<<-", "<<", "&&", "||", "|&", ";;", ";", "&", "|",
     "<", ">", "(", ")"],
    key=len,
    reverse=True,
)  # fmt: skip
_SEPARATORS = {";", ";;", "&", "&&", "||", "|", "|&", "(", ")"}
_PIPES = {"|", "|&"}
_WRITE_REDIRECTS = {">", ">>", "&>", "&>>", ">|", "<>", ">&"}
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\+?=")


@dataclass
class Simple:
    """One simple command: its words (quotes removed) and the files it redirects output into."""

    words: list[str] = field(default_factory=list)
    writes: list[str] = field(default_factory=list)
    reads: list[str] = field(default_factory=list)
    piped_into: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _split_operators(token: str) -> list[str]:
    out: list[str] = []
    while token:
        for op in _OPERATORS:
            if token.startswith(op):
                out.append(op)
                token = token[len(op) :]
                break
        else:  # pragma: no cover - shlex only groups the characters above
            out.append(token[0])
            token = token[1:]
    return out


def tokens(command: str) -> list[tuple[str, bool]]:
    """(token, is_operator) pairs. Backquotes and newlines become ``;`` so what they hide is seen."""
    text = command.replace("`", " ; ").replace("\n", " ; ").replace("\r", " ")
    lexer = shlex.shlex(text, posix=True, punctuation_chars=";&|<>()")
    lexer.whitespace_split = True
    lexer.commenters = ""
    try:
        raw = list(lexer)
    except ValueError as exc:
        raise SandboxViolation(f"the command cannot be read ({exc}); check its quotes") from None
    out: list[tuple[str, bool]] = []
    for token in raw:
        if token and all(c in ";&|<>()" for c in token):
            out.extend((op, True) for op in _split_operators(token))
        else:
            out.append((token, False))
    return out


def simple_commands(command: str) -> list[Simple]:
    """The simple commands in ``command``, in order (command substitutions become their own)."""
    result: list[Simple] = []
    current = Simple()
    pending: str | None = None
    items = tokens(command)
    for index, (token, is_op) in enumerate(items):
        if pending is not None:
            if pending in _WRITE_REDIRECTS and not is_op:
                if not (pending == ">&" and (token.isdigit() or token == "-")):
                    current.writes.append(token)
                if pending == "<>":
                    current.reads.append(token)
                pending = None
                continue
            if not is_op and pending in ("<", "<>"):
                current.reads.append(token)
            pending = None
            if not is_op:
                continue  # the file of an input redirection or a here-document word
        if is_op and token in _SEPARATORS:
            if current.words or current.writes or current.reads:
                result.append(current)
            current = Simple(piped_into=token in _PIPES)
            continue
        if is_op:
            # "2>" arrives as the word "2" then ">": that "2" names a descriptor, not an argument.
            if current.words and current.words[-1].isdigit() and _adjacent_number(items, index):
                current.words.pop()
            pending = token
            continue
        current.words.append(token)
    if pending in _WRITE_REDIRECTS:
        raise SandboxViolation("the command ends in a redirection without a target")
    if current.words or current.writes or current.reads:
        result.append(current)
    return result


def _adjacent_number(items: list[tuple[str, bool]], index: int) -> bool:
    return index > 0 and not items[index - 1][1] and items[index - 1][0].isdigit()


def strip_assignments(words: list[str]) -> list[str]:
    """Drop leading ``NAME=value`` words (environment for the command)."""
    index = 0
    while index < len(words) and _ASSIGNMENT.match(words[index]):
        index += 1
    return words[index:]
