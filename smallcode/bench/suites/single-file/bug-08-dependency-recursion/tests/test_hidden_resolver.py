import pytest

from resolver import all_dependencies, install_order

LOOP = {"a": ["b"], "b": ["c", "a"], "c": ["a", "d"], "d": []}


def test_diamond_listed_once() -> None:
    assert all_dependencies("web") == ["http", "sockets", "tls", "crypto", "templates", "strings"]
    assert all_dependencies("sockets") == []


def test_install_order_once_and_valid() -> None:
    order = install_order("web")
    assert order == ["sockets", "crypto", "tls", "http", "strings", "templates", "web"]


def test_loops_do_not_crash() -> None:
    assert all_dependencies("a", LOOP) == ["b", "c", "d"]
    assert all_dependencies("c", LOOP) == ["a", "b", "d"]
    order = install_order("a", LOOP)
    assert sorted(order) == ["a", "b", "c", "d"]
    assert order.index("d") < order.index("c")
    assert order[-1] == "a"


def test_self_dependency() -> None:
    reg = {"x": ["x", "y"], "y": []}
    assert all_dependencies("x", reg) == ["y"]
    assert install_order("x", reg) == ["y", "x"]


def test_unknown_package() -> None:
    with pytest.raises(KeyError):
        all_dependencies("nope")
    with pytest.raises(KeyError):
        install_order("web", {"web": ["ghost"]})
