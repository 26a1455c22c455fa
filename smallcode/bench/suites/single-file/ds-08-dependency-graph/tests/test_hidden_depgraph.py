import ast
from pathlib import Path

import pytest

from depgraph import CycleError, DependencyGraph


def build() -> DependencyGraph:
    g = DependencyGraph()
    g.add("app", ["lib", "config"])
    g.add("lib", ["utils"])
    g.add("tests", ["app", "fixtures"])
    g.add("config")
    g.add("docs")
    return g


def test_nodes_and_edges() -> None:
    g = build()
    assert g.nodes() == {"app", "lib", "config", "utils", "tests", "fixtures", "docs"}
    assert g.dependencies("app") == {"lib", "config"}
    assert g.dependencies("utils") == set()
    assert g.dependents("lib") == {"app"}
    assert g.dependents("app") == {"tests"}
    with pytest.raises(KeyError):
        g.dependencies("nope")


def test_build_order_deterministic() -> None:
    assert build().build_order() == ["config", "docs", "fixtures", "utils", "lib", "app", "tests"]


def test_order_respects_every_edge() -> None:
    g = DependencyGraph()
    for i in range(50):
        g.add(f"n{i:02d}", [f"n{j:02d}" for j in range(i) if (i * j) % 7 == 1])
    order = g.build_order()
    pos = {n: i for i, n in enumerate(order)}
    for node in g.nodes():
        for dep in g.dependencies(node):
            assert pos[dep] < pos[node]


def test_affected() -> None:
    g = build()
    assert g.affected("utils") == {"lib", "app", "tests"}
    assert g.affected("tests") == set()
    assert g.affected("config") == {"app", "tests"}


def test_cycle_reported() -> None:
    g = build()
    g.add("utils", ["tests"])
    with pytest.raises(CycleError) as info:
        g.build_order()
    cycle = info.value.cycle
    assert cycle[0] == cycle[-1]
    assert set(cycle) == {"utils", "tests", "app", "lib"}
    for a, b in zip(cycle, cycle[1:]):
        assert b in g.dependencies(a) or a in g.dependencies(b)
    # consistent direction
    forward = all(b in g.dependencies(a) for a, b in zip(cycle, cycle[1:]))
    backward = all(a in g.dependencies(b) for a, b in zip(cycle, cycle[1:]))
    assert forward or backward


def test_self_cycle() -> None:
    g = DependencyGraph()
    g.add("a", ["a"])
    with pytest.raises(CycleError) as info:
        g.build_order()
    assert info.value.cycle == ["a", "a"]


def test_no_graphlib() -> None:
    tree = ast.parse(Path("depgraph.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert all(a.name != "graphlib" for a in node.names)
        if isinstance(node, ast.ImportFrom):
            assert node.module != "graphlib"
