"""Mechanical repairs of a failed check that need no model: Go's unused imports, which stop a package
from compiling, and which small models leave behind in nearly every rewrite; and the standard modules
or packages a file uses (``bisect.insort``, ``strings.Fields``) but never imports, which a small model,
told so, often writes again without the import until the run ends."""

from __future__ import annotations

import ast
import importlib
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath

from .files import undefined_names

# go 1.19: `./a.go:4:2: imported and not used: "errors"`; later: `./a.go:4:2: "errors" imported and not used`.
_UNUSED = re.compile(
    r"^(?:\./)?(?P<file>\S+\.go):(?P<line>\d+):\d+: "
    r'(?:imported and not used: "(?P<old>[^"]+)"|"(?P<new>[^"]+)" imported (?:as \w+ )?and not used)',
    re.MULTILINE,
)
_IMPORT_SPEC = r'^\s*(?:import\s+)?(?:[\w.]+\s+)?"{path}"\s*(?://.*)?$'


def drop_unused_go_imports(path: str, text: str, problem: str) -> tuple[str, list[str]] | None:
    """``text`` of the Go file ``path`` without the imports ``problem`` (the compiler's output) says
    it does not use, and those imports; None when it names none of this file's."""
    lines = text.splitlines(keepends=True)
    name = PurePosixPath(path).name
    dropped: list[str] = []
    for match in _UNUSED.finditer(problem):
        if PurePosixPath(match["file"]).name != name:
            continue
        index, imported = int(match["line"]) - 1, match["old"] or match["new"]
        if 0 <= index < len(lines) and re.match(_IMPORT_SPEC.format(path=re.escape(imported)), lines[index]):
            lines[index] = ""
            dropped.append(imported)
    return ("".join(lines), dropped) if dropped else None


_UNDEFINED_GO = re.compile(r"^(?:\./)?(?P<file>\S+\.go):\d+:\d+: undefined: (?P<name>\w+)$", re.MULTILINE)


def import_missing_go_packages(
    path: str, text: str, problem: str, standard: Callable[[], Sequence[str]]
) -> tuple[str, list[str]] | None:
    """``text`` of the Go file ``path`` importing each standard package that ``problem`` (the
    compiler's output) says is undefined in it and that the file uses as ``name.Member``, where one
    package of ``standard()`` (import paths) has that name; and those paths. None when there is none."""
    name = PurePosixPath(path).name
    undefined = dict.fromkeys(
        m["name"] for m in _UNDEFINED_GO.finditer(problem) if PurePosixPath(m["file"]).name == name
    )
    used = [short for short in undefined if re.search(rf"\b{short}\.[A-Z]", text)]
    if not used:
        return None
    packages = standard()
    added = []
    for short in used:
        paths = [p for p in packages if p.rsplit("/", 1)[-1] == short]
        if len(paths) == 1:  # "rand" is math/rand or crypto/rand: not guessed
            added.append(paths[0])
    if not added:
        return None
    block = re.search(r"^import\s*\(\s*\n", text, re.MULTILINE)
    if block is not None:
        return text[: block.end()] + "".join(f'\t"{p}"\n' for p in added) + text[block.end() :], added
    lines = list(
        re.finditer(r'^(?:import\s+(?:[\w.]+\s+)?"[^"]+"|package\s+\w+)[^\n]*\n', text, re.MULTILINE)
    )
    if not lines:
        return None
    at = lines[-1].end()  # after the last single import, else after the package clause
    return text[:at] + "".join(f'import "{p}"\n' for p in added) + text[at:], added


# Importing these has effects beyond the import (a browser, a window, printed text).
_NOT_IMPORTED = frozenset({"antigravity", "this", "turtle", "turtledemo", "tkinter", "idlelib", "__hello__"})


def import_missing_modules(text: str) -> tuple[str, list[str]] | None:
    """``text`` of a Python file with ``import NAME`` added for each undefined name that is a standard
    module used only as ``NAME.attribute``, every such attribute being the module's; and those names.
    None when there is none (``datetime.now()`` stays undefined: the module has no ``now``)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    missing = {name for _, name in undefined_names(tree)}
    objects = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    uses: dict[str, set[str]] = {}
    bare: set[str] = set()  # used as a value of its own: a variable, not a module
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in missing:
            uses.setdefault(node.value.id, set()).add(node.attr)
        elif isinstance(node, ast.Name) and node.id in missing and id(node) not in objects:
            bare.add(node.id)
    added = sorted(name for name, used in uses.items() if name not in bare and _module_has(name, used))
    if not added:
        return None
    lines = text.splitlines(keepends=True)
    at = _import_line(tree, lines)
    return "".join([*lines[:at], *(f"import {name}\n" for name in added), *lines[at:]]), added


def _module_has(name: str, attributes: set[str]) -> bool:
    if name not in sys.stdlib_module_names or name in _NOT_IMPORTED or name.startswith("_"):
        return False
    try:
        module = importlib.import_module(name)
    except ImportError:  # not on this platform
        return False
    return all(hasattr(module, attribute) for attribute in attributes)


def _import_line(tree: ast.Module, lines: list[str]) -> int:
    """The index of the line before which an import goes: after the docstring and any
    ``from __future__`` imports, else after a leading shebang or encoding line."""
    end = 0
    for node in tree.body:
        docstring = (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        )
        future = isinstance(node, ast.ImportFrom) and node.module == "__future__"
        if not ((docstring and node is tree.body[0]) or future):
            break
        end = node.end_lineno or end
    if end == 0:
        while end < len(lines) and re.match(r"#!|#.*coding[:=]", lines[end]):
            end += 1
    return end
