"""Checks a task carries itself: Python ``assert`` lines such as "Your code should pass this test:
assert add(1, 2) == 3", and the examples in the docstrings of its code (``>>>`` ones, and prose ones
such as ``add(1, 2) ➞ 3``). When a project has no tests of its own, they are run against the Python
files the task names, and each failing one says what the code returned (``add(1, 2) returned -1,
expected 3``), which a small model can act on where a bare ``AssertionError`` gives it nothing.
"""

from __future__ import annotations

import ast
import doctest
import json
import re
import shlex
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from .discovery import python_command

_ASSERT = re.compile(r"(?:^[ \t>]*|[:`][ \t]*)(assert\s[^`\n]+)", re.MULTILINE)
"""An assert statement at the start of a line, or after a colon or a backtick ("It should pass:
assert f(1) == 2", "`assert f(1) == 2`")."""
_MAX_EXAMPLES = 20
# "add(1, 2) == 3", "add(1, 2) ➞ 3", "add(1, 2) -> 3", "add(1, 2) => 3": an example written as prose.
_PROSE_EXAMPLE = re.compile(r"^[\s>]*(?P<call>[A-Za-z_]\w*\(.*\))\s*(?:==|➞|->|=>)\s*(?P<want>.+?)\s*$")

# Runs in the workspace with the project's interpreter, which may not have smallcode installed: a
# self-contained script. Its output reads like pytest's ("FAILED id - why", "1 failed, 2 passed"), so
# the usual summaries and failure counts apply.
_RUNNER = """
import ast, difflib, os, sys, traceback
namespace = {}

def where(exc):
    # The innermost line of the workspace's own code the error came from (a SyntaxError says it).
    here = os.getcwd() + os.sep
    frames = [
        f for f in traceback.extract_tb(exc.__traceback__)
        if not f.filename.startswith("<") and os.path.abspath(f.filename).startswith(here)
    ]
    if isinstance(exc, SyntaxError) or not frames:
        return ""
    frame = frames[-1]
    place = os.path.relpath(frame.filename) + " line " + str(frame.lineno)
    return " (" + place + ": " + (frame.line or "") + ")"

for module in MODULES:
    try:
        exec("from " + module + " import *", namespace)
    except BaseException as exc:
        why = type(exc).__name__ + ": " + str(exc) + where(exc)
        print("ERROR " + module + " - cannot import it: " + why)
        print("1 error")
        sys.exit(1)

def calls_other_name(exc):
    # A NameError from the task's own expression: say what the code defines (small models rename).
    name = getattr(exc, "name", None)
    if not isinstance(exc, NameError) or not name:
        return ""
    defined = sorted(key for key, value in namespace.items() if getattr(value, "__module__", "") in MODULES)
    close = difflib.get_close_matches(name, defined, n=1, cutoff=0.5) or defined[:5]
    return "; the task calls " + name + ", the code defines " + ", ".join(close) if close else ""

def evaluate(node):
    return eval(compile(ast.Expression(node), "<task>", "eval"), namespace)

failed = 0
for number, source in enumerate(EXAMPLES, 1):
    test = ast.parse(source).body[0].test
    try:
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq):
            got, want = evaluate(test.left), evaluate(test.comparators[0])
            ok = got == want
            why = ast.unparse(test.left) + " returned " + repr(got) + ", expected " + repr(want)
        else:
            ok = bool(evaluate(test))
            why = ast.unparse(test) + " is false"
    except BaseException as exc:
        ok = False
        # An error inside the code says where; one in the task's expression, which name it lacks.
        why = ast.unparse(test) + " raised " + type(exc).__name__ + ": " + str(exc)
        why += where(exc) or calls_other_name(exc)
    if not ok:
        failed += 1
        print(("FAILED task-example-" + str(number) + " - " + why)[:600])
passed = len(EXAMPLES) - failed
print((str(failed) + " failed, " if failed else "") + str(passed) + " passed")
sys.exit(1 if failed else 0)
"""


def task_assertions(task: str) -> list[str]:
    """The Python ``assert`` statements written in ``task`` (at most 20), each one line."""
    found: list[str] = []
    for match in _ASSERT.finditer(task):
        line = match.group(1).strip()
        try:
            tree = ast.parse(line)
        except SyntaxError:
            continue
        if len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert) and line not in found:
            found.append(line)
    return found[:_MAX_EXAMPLES]


def docstrings(text: str) -> list[str] | None:
    """The docstrings of Python ``text``: its module's, classes' and functions'. None when it does
    not parse."""
    try:
        return _docstrings(ast.parse(text))
    except (SyntaxError, ValueError):
        return None


def _docstrings(tree: ast.Module) -> list[str]:
    kinds = ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
    return [ast.get_docstring(node) or "" for node in ast.walk(tree) if isinstance(node, kinds)]


def doctest_examples(text: str) -> frozenset[tuple[str, str]] | None:
    """The ``>>>`` examples in the docstrings of Python ``text``: each one's source and expected
    output, stripped. None when it does not parse."""
    texts = docstrings(text)
    if texts is None:
        return None
    found: set[tuple[str, str]] = set()
    for docstring in texts:
        try:
            examples = doctest.DocTestParser().get_examples(docstring)
        except ValueError:  # an example with broken indentation
            continue
        found.update((example.source.strip(), example.want.strip()) for example in examples)
    return frozenset(found)


def docstring_assertions(text: str) -> list[str]:
    """The examples the docstrings of Python ``text`` give as prose (``add(1, 2) ➞ 3``), as
    ``assert`` statements (at most 20): calls of a function the text defines at its top level, with
    literal arguments and a literal result; anything else is left out rather than guessed."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    found: list[str] = []
    for docstring in _docstrings(tree):
        for line in docstring.splitlines():
            match = _PROSE_EXAMPLE.match(line)
            example = _literal_example(match["call"], match["want"], functions) if match else None
            if example is not None and example not in found:
                found.append(example)
    return found[:_MAX_EXAMPLES]


def _literal_example(call: str, want: str, functions: set[str]) -> str | None:
    try:
        called = ast.parse(call, mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(called, ast.Call) or not isinstance(called.func, ast.Name):
        return None
    if called.func.id not in functions or called.func.id.startswith("_"):  # not what `import *` brings
        return None
    try:
        for argument in (*called.args, *(keyword.value for keyword in called.keywords)):
            ast.literal_eval(argument)
        ast.literal_eval(want)
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
        return None
    return f"assert {call} == {want}"


def module_name(path: str) -> str | None:
    """``pkg/mod.py`` → ``pkg.mod``; None when the path is not an importable Python module."""
    pure = PurePosixPath(path.removeprefix("./"))
    if pure.suffix != ".py" or pure.is_absolute() or ".." in pure.parts:
        return None
    parts = [*pure.parent.parts, pure.stem]
    return ".".join(parts) if all(part.isidentifier() for part in parts) else None


def examples_command(root: Path, task: str, files: Sequence[str]) -> str | None:
    """A command that runs the task's assertions against ``files`` (Python files the task names), or
    None when the task has none or no file is a module."""
    return assertions_command(root, task_assertions(task), files)


def assertions_command(root: Path, examples: Sequence[str], files: Sequence[str]) -> str | None:
    """A command that runs ``assert`` lines against ``files``, each failure saying what the code
    returned; None when there are none or no file is a module."""
    modules = [name for name in dict.fromkeys(module_name(f) for f in files) if name]
    if not examples or not modules:
        return None
    script = f"MODULES = {json.dumps(modules)}\nEXAMPLES = {json.dumps(list(examples))}\n{_RUNNER}"
    return f"{python_command(root)} -B -c {shlex.quote(script)}"
