import ast
from pathlib import Path

import pytest

import kvshell
from kvshell import execute

SCRIPT = [
    ("", "ERR empty command"),
    ("set a 1", "OK"),
    ("GET a", "1"),
    ("GET b", "(nil)"),
    ("SET a", "ERR SET takes 2 arguments"),
    ("GET", "ERR GET takes 1 argument"),
    ("INCR a", "2"),
    ("INCR n", "1"),
    ("SET s x", "OK"),
    ("INCR s", "ERR value is not an integer"),
    ("SET neg -5", "OK"),
    ("INCR neg", "-4"),
    ("INCR", "ERR INCR takes 1 argument"),
    ("EXISTS a", "1"),
    ("EXISTS zz", "0"),
    ("EXISTS", "ERR EXISTS takes 1 argument"),
    ("KEYS", "a n neg s"),
    ("KEYS x", "ERR KEYS takes no arguments"),
    ("COUNT", "4"),
    ("COUNT 1", "ERR COUNT takes no arguments"),
    ("RENAME a b", "OK"),
    ("RENAME a c", "ERR no such key"),
    ("RENAME a", "ERR RENAME takes 2 arguments"),
    ("GET b", "2"),
    ("DEL b s nope", "2"),
    ("DEL", "ERR DEL takes at least 1 argument"),
    ("KEYS", "n neg"),
    ("DEL n neg", "2"),
    ("KEYS", "(empty)"),
    ("FLY me", "ERR unknown command FLY"),
    ("fly", "ERR unknown command fly"),
]


def test_behaviour_unchanged() -> None:
    store: dict[str, str] = {}
    for line, expected in SCRIPT:
        assert execute(line, store) == expected, line


def test_dispatch_table() -> None:
    assert isinstance(kvshell.COMMANDS, dict)
    assert set(kvshell.COMMANDS) == {"SET", "GET", "DEL", "EXISTS", "INCR", "KEYS", "RENAME", "COUNT"}
    assert all(callable(fn) for fn in kvshell.COMMANDS.values())
    store: dict[str, str] = {}
    assert kvshell.COMMANDS["SET"](store, ["k", "v"]) == "OK" and store == {"k": "v"}


def test_new_command_via_table(monkeypatch: pytest.MonkeyPatch) -> None:
    commands = dict(kvshell.COMMANDS)
    commands["ECHO"] = lambda store, args: " ".join(args)
    monkeypatch.setattr(kvshell, "COMMANDS", commands)
    assert execute("echo hello world", {}) == "hello world"
    commands.pop("GET")
    assert execute("GET a", {"a": "1"}) == "ERR unknown command GET"


def test_execute_has_no_command_chain() -> None:
    tree = ast.parse(Path("kvshell.py").read_text())
    execute_def = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "execute")
    names = {"SET", "GET", "DEL", "EXISTS", "INCR", "KEYS", "RENAME", "COUNT"}
    for node in ast.walk(execute_def):
        if isinstance(node, ast.Constant) and node.value in names:
            raise AssertionError(f"execute still mentions the command {node.value}")
    assert sum(isinstance(n, ast.If) for n in ast.walk(execute_def)) <= 3
