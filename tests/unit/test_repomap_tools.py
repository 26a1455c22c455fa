"""search_symbols and find_references: the repo map's index as tools a model can call."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from smallcode.errors import InvalidArgumentsError
from smallcode.repomap import RepoMap
from smallcode.routing import ToolRouter
from smallcode.tools import symbol_tools
from smallcode.tools.base import Tool
from smallcode.workspace import Workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "repomap"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(DATA / "python", root)
    return root


def tools(root: Path, repo_map: RepoMap | None = None) -> dict[str, Tool]:
    return {t.name: t for t in symbol_tools(Workspace(root, history=False), repo_map=repo_map)}


def test_both_tools_are_search_tools(project: Path) -> None:
    router = ToolRouter(list(tools(project).values()))
    assert router.names == ["search_symbols", "find_references"]
    assert router.categories == ["search"]


def test_find_references_lists_the_definition_and_every_call_site(project: Path) -> None:
    out = tools(project)["find_references"]({"name": "order_total"})
    assert out == (
        "order_total is defined at:\n"
        "  shop/models.py:13: def order_total(order: Order) -> float:\n"
        "used on 4 lines in 2 files:\n"
        "shop/pricing.py:1: from .models import Order, order_total\n"
        "shop/pricing.py:11: return order_total(order) * (1 - percent / 100)\n"
        "shop/report.py:1: from .models import Order, order_total\n"
        "shop/report.py:5: total = sum(order_total(order) for order in orders)"
    )


def test_find_references_sees_edits_made_since_the_last_call(project: Path) -> None:
    find = tools(project)["find_references"]
    assert "shop/cli.py" not in find({"name": "order_total"})
    cli = project / "shop" / "cli.py"
    cli.write_text(
        cli.read_text().replace("from .models import Order", "from .models import Order, order_total")
    )
    assert "shop/cli.py:3: from .models import Order, order_total" in find({"name": "order_total"})


def test_find_references_stops_at_max_results(project: Path) -> None:
    out = tools(project)["find_references"]({"name": "Order", "max_results": 2})
    assert out.count("\nshop/") == 2
    assert out.endswith("[stopped at 2 uses; raise max_results to see the rest]")


def test_find_references_of_an_outside_name_and_an_unknown_one(project: Path) -> None:
    find = tools(project)["find_references"]
    assert find({"name": "sys"}).startswith(
        "sys is not defined in the workspace (a library or builtin name)."
    )
    assert find({"name": "order_totl"}) == (
        "'order_totl' is not defined or used in any source file the map reads; similar names: order_total"
    )


def test_find_references_accepts_a_qualified_name(project: Path) -> None:
    out = tools(project)["find_references"]({"name": "Order.add"})
    assert out.startswith("add is defined at:\n  shop/models.py:9: def add(self, price: float) -> None:")
    assert "shop/cli.py:11: order.add(float(price))" in out


def test_search_symbols_ranks_exact_then_partial_matches(project: Path) -> None:
    search = tools(project)["search_symbols"]
    assert search({"query": "order"}) == (
        "shop/models.py:5: class Order — class Order:\n"
        "shop/models.py:13: function order_total — def order_total(order: Order) -> float:"
    )
    assert search({"query": "discount"}) == (
        "shop/pricing.py:3: constant MAX_DISCOUNT — MAX_DISCOUNT = 50.0\n"
        "shop/pricing.py:6: function apply_discount — "
        "def apply_discount(order: Order, percent: float) -> float:"
    )
    assert (
        search({"query": "Order.add"})
        == "shop/models.py:9: method add — def add(self, price: float) -> None:"
    )
    assert search({"query": "aply_discount"}).startswith("shop/pricing.py:6: function apply_discount")
    assert search({"query": "zzz"}) == "no symbol matches 'zzz'; try part of the name, or grep for text"


def test_search_symbols_finds_fields(project: Path) -> None:
    assert tools(project)["search_symbols"]({"query": "customer"}) == (
        "shop/models.py:6: field customer — customer: str"
    )


def test_the_tools_share_a_given_repo_map(project: Path) -> None:
    index = RepoMap(Workspace(project, history=False))
    index.refresh()
    found = tools(project, repo_map=index)["search_symbols"]({"query": "summary"})
    assert found.startswith("shop/report.py:4: function summary")
    assert index.refresh().parsed == 0


def test_arguments_are_validated(project: Path) -> None:
    with pytest.raises(InvalidArgumentsError):
        tools(project)["find_references"]({"name": "x", "max_results": 0})


def test_the_lift_benchmark_gives_only_the_map_arm_a_map(tmp_path: Path) -> None:
    from smallcode import ScriptedModel, prompts
    from smallcode.bench.repomap_lift import agent_factory
    from smallcode.bench.tasks import load_task, suite_dir

    task = load_task(suite_dir("multi-file") / "deprecate-get-user")
    heading = prompts.REPO_MAP.split("\n")[0]

    def system_prompt(share: float | None, where: Path) -> str:
        task.write_start(where)
        model = ScriptedModel(['finish(summary="nothing to do")'], context_window=4096)
        agent = agent_factory(max_steps=1, share=share)(model, Workspace(where, history=False))
        agent.run(task.prompt)
        return model.calls[0].messages[0].content

    with_map = system_prompt(0.125, tmp_path / "with")
    assert heading in with_map
    assert "people/users.py:" in with_map and "def get_user(" in with_map
    without = system_prompt(None, tmp_path / "without")
    assert heading not in without and "def get_user(" not in without


def impact_project(root: Path) -> RepoMap:
    (root / "pricing.py").write_text(
        "def total(prices):\n    return sum(prices)\n\n\ndef tax(amount):\n    return amount * 0.2\n"
    )
    (root / "shop.py").write_text(
        "from pricing import tax, total\n\n\ndef checkout(cart):\n    return total(cart) + tax(1)\n"
    )
    (root / "report.py").write_text("from pricing import total\n\nTOTAL = total([1, 2])\n")
    return RepoMap(Workspace(root, history=False))


def test_impact_finds_the_uses_of_a_changed_signature_in_other_files(tmp_path: Path) -> None:
    repo = impact_project(tmp_path)
    before = (tmp_path / "pricing.py").read_text()
    (tmp_path / "pricing.py").write_text(before.replace("def total(prices):", "def total(prices, discount):"))
    uses = repo.impact("pricing.py", before)
    assert [(u.path, u.line, u.text) for u in uses] == [
        ("report.py", 1, "from pricing import total"),
        ("report.py", 3, "TOTAL = total([1, 2])"),
        ("shop.py", 1, "from pricing import tax, total"),
        ("shop.py", 5, "return total(cart) + tax(1)"),
    ]  # tax kept its signature: its uses are not listed


def test_impact_ignores_body_changes_and_lists_uses_of_removed_names(tmp_path: Path) -> None:
    repo = impact_project(tmp_path)
    before = (tmp_path / "pricing.py").read_text()
    (tmp_path / "pricing.py").write_text(before.replace("0.2", "0.25"))
    assert repo.impact("pricing.py", before) == []
    (tmp_path / "pricing.py").write_text("def total(prices):\n    return sum(prices)\n")
    assert {u.path for u in repo.impact("pricing.py", before)} == {"shop.py"}  # tax is gone
    assert repo.impact("notes.txt", "") == []  # not a source file


def test_impact_skips_names_defined_in_many_files(tmp_path: Path) -> None:
    repo = impact_project(tmp_path)
    for name in ("a", "b"):
        (tmp_path / f"{name}.py").write_text("def total(x):\n    return x\n")
    before = (tmp_path / "pricing.py").read_text()
    (tmp_path / "pricing.py").write_text(before.replace("def total(prices):", "def total(prices, d):"))
    assert repo.impact("pricing.py", before) == []  # "total" means three things here
