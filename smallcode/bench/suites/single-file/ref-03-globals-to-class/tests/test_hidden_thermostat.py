import ast
from pathlib import Path

import pytest

import thermostat
from thermostat import Thermostat

TREE = ast.parse(Path("thermostat.py").read_text())


def test_hysteresis_rules() -> None:
    t = Thermostat()
    assert t.mode() == "idle"
    assert t.update(19.6) == "idle"
    assert t.update(19.4) == "heating"
    assert t.update(20.4) == "heating"
    assert t.update(20.6) == "idle"
    assert t.update(20.0) == "idle"
    assert t.history() == [(19.6, "idle"), (19.4, "heating"), (20.4, "heating"), (20.6, "idle"), (20.0, "idle")]


def test_constructor_arguments() -> None:
    t = Thermostat(target=22.0, hysteresis=1.0)
    assert t.update(21.5) == "idle"
    assert t.update(20.9) == "heating"
    assert t.update(22.9) == "heating"
    assert t.update(23.1) == "idle"


def test_set_target_validation() -> None:
    t = Thermostat()
    t.set_target(5.0)
    t.set_target(30.0)
    with pytest.raises(ValueError, match="target must be between 5.0 and 30.0"):
        t.set_target(30.5)
    with pytest.raises(ValueError):
        Thermostat(target=2.0)


def test_instances_are_independent() -> None:
    living, bedroom = Thermostat(target=21.0), Thermostat(target=17.0)
    living.update(18.0)
    bedroom.update(18.0)
    assert living.mode() == "heating" and bedroom.mode() == "idle"
    assert len(living.history()) == 1 and len(bedroom.history()) == 1
    living.history().append((0.0, "x"))
    assert len(living.history()) == 1


def test_no_globals_or_module_state() -> None:
    assert not any(isinstance(node, ast.Global) for node in ast.walk(TREE))
    functions = [n.name for n in TREE.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    assert not {"set_target", "update", "mode", "history"} & set(functions)
    for node in TREE.body:
        targets: list[str] = []
        value = None
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            value = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets = [node.target.id]
            value = node.value
        for name in targets:
            if name.startswith("__") and name.endswith("__"):
                continue
            mutable = isinstance(value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp))
            assert not mutable, f"module-level mutable state {name!r} remains"
            assert not (name.startswith("_") and not name.isupper()), f"module-level state {name!r} remains"
    assert not hasattr(thermostat, "_history") and not hasattr(thermostat, "_mode")
