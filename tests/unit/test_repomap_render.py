"""RepoMap ranking and rendering: focus puts the relevant file first; the map never exceeds its budget."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smallcode.repomap import RepoMap, should_map
from smallcode.workspace import Workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "repomap"
LANGUAGES = ["python", "javascript", "typescript", "go", "rust", "java", "c", "cpp"]
_PIECE = re.compile(r"\w{1,4}|[^\w\s]|\n")


def pieces(text: str) -> int:
    """A tokenizer-like count: words split into 4-character pieces, each symbol and newline one token."""
    return len(_PIECE.findall(text))


def repo_map(language: str) -> RepoMap:
    return RepoMap(Workspace(DATA / language, history=False))


def first_file(text: str) -> str:
    return text.splitlines()[0].removesuffix(":")


def test_unfocused_map_starts_with_the_most_used_file() -> None:
    text = repo_map("python").render(1000, count=pieces)
    assert first_file(text) == "shop/models.py"


# (fixture, focus, the file that must come first)
FOCUSED = [
    ("python", {"focus_names": ["summary"]}, "shop/report.py"),
    ("python", {"mentions": "The CLI in shop/cli.py crashes without arguments"}, "shop/cli.py"),
    ("javascript", {"focus_names": ["addItem"]}, "src/cart.js"),
    ("typescript", {"mentions": "Show the currency symbol in Price"}, "src/view.tsx"),
    ("go", {"focus_files": ["main.go"]}, "main.go"),
    ("rust", {"mentions": "evaluate() should handle subtraction"}, "src/lib.rs"),
    ("java", {"mentions": "App.java should print how many were reserved"}, "src/com/acme/App.java"),
    ("c", {"mentions": "main.c must check the result of list_push"}, "src/main.c"),
    ("cpp", {"focus_files": ["src/shape.cpp"]}, "src/shape.cpp"),
]


@pytest.mark.parametrize(("language", "focus", "expected"), FOCUSED)
def test_focus_puts_the_relevant_file_first(language: str, focus: dict[str, object], expected: str) -> None:
    index = repo_map(language)
    unfocused = first_file(index.render(1000, count=pieces))
    assert unfocused != expected  # the focus, not the default order, decides
    text = index.render(1000, count=pieces, **focus)  # type: ignore[arg-type]
    assert first_file(text) == expected
    assert index.rank(**focus).files[0] == expected  # type: ignore[arg-type]


def test_focused_names_lead_the_ranking_and_pull_in_their_users() -> None:
    ranking = repo_map("python").rank(focus_names=["order_total"])
    assert ranking.definitions[0].name == "order_total"
    assert ranking.files[0] == "shop/models.py"
    # the files that call it outrank the one that does not
    assert ranking.files.index("shop/report.py") < ranking.files.index("shop/cli.py")


def test_focus_is_read_from_free_text() -> None:
    index = repo_map("python")
    index.refresh()
    focus = index.focus(mentions="Fix apply_discount() in pricing.py; see the order docs and Order.")
    assert focus.files == {"shop/pricing.py"}
    assert focus.names == {"apply_discount", "Order"}  # "order" and "docs" are not symbols here


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_map_never_exceeds_its_budget(language: str) -> None:
    index = repo_map(language)
    full = index.render(10_000, count=pieces)
    for budget in (0, 3, 12, 25, 60, 150, pieces(full)):
        text = index.render(budget, count=pieces)
        assert pieces(text) <= budget
        assert len(text) <= len(full)
    assert index.render(pieces(full), count=pieces) == full
    assert index.render(pieces(full) - 1, count=pieces) != full


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_large_budget_shows_every_definition(language: str) -> None:
    index = repo_map(language)
    text = index.render(10_000, count=pieces)
    for tags in index.files.values():
        for definition in tags.definitions:
            if definition.ranked:
                assert definition.header in text, definition


def test_a_smaller_budget_keeps_the_best_ranked_definitions() -> None:
    index = repo_map("python")
    small = index.render(40, count=pieces, focus_names=["apply_discount"])
    assert small.startswith("shop/pricing.py:\n  def apply_discount(")
    assert "def summary" not in small


PYTHON = repo_map("python")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    budget=st.integers(min_value=0, max_value=400),
    names=st.lists(
        st.sampled_from(["Order", "apply_discount", "order_total", "summary", "main"]), max_size=3
    ),
    chars_per_token=st.sampled_from([1.0, 2.5, 4.0]),
)
def test_budget_holds_for_any_focus_and_counter(
    budget: int, names: list[str], chars_per_token: float
) -> None:
    def count(text: str) -> int:
        return math.ceil(len(text) / chars_per_token)

    text = PYTHON.render(budget, focus_names=names, count=count)
    assert count(text) <= budget


def test_the_fit_is_a_binary_search(tmp_path: Path) -> None:
    for module in range(20):
        body = "".join(f"def function_{module}_{n}(value):\n    return value\n\n" for n in range(30))
        (tmp_path / f"module_{module}.py").write_text(body)
    calls: list[int] = []

    def count(text: str) -> int:
        calls.append(len(text))
        return pieces(text)

    text = RepoMap(Workspace(tmp_path, history=False)).render(300, count=count)
    assert 0 < pieces(text) <= 300
    assert len(calls) <= math.ceil(math.log2(600 + 20)) + 1  # 600 definitions and 20 files


def test_unknown_languages_render_as_a_file_tree() -> None:
    assert repo_map("plain").render(100, count=pieces) == (
        "config.ini\ndocs/\n  guide.md\n  site.yml\nnotes.txt\n"
    )


def test_files_without_definitions_follow_as_a_tree() -> None:
    text = repo_map("python").render(10_000, count=pieces)
    assert text.endswith("Other files:\n  README.md\n  data/\n    prices.csv\n  shop/\n    __init__.py\n")


def test_methods_appear_under_their_class_with_its_fields() -> None:
    text = repo_map("python").render(10_000, count=pieces)
    assert (
        "shop/models.py:\n  class Order:\n    customer: str\n"
        "    prices: list[float] = field(default_factory=list)\n    def add(self, price: float) -> None:\n"
    ) in text


def test_should_map_counts_source_files() -> None:
    assert should_map(Workspace(DATA / "python", history=False))
    assert should_map(Workspace(DATA / "javascript", history=False))
    assert not should_map(Workspace(DATA / "plain", history=False))
    assert not should_map(Workspace(DATA / "python", history=False), min_files=6)


def test_common_method_names_do_not_dominate_unless_focused(tmp_path: Path) -> None:
    (tmp_path / "registry.py").write_text("class Registry:\n    def get(self, key):\n        return key\n")
    (tmp_path / "config.py").write_text("def load(path):\n    return {}\n")
    for n in range(5):
        (tmp_path / f"user{n}.py").write_text(
            "from config import load\n\n"
            f"def job{n}(options):\n"
            "    return options.get('a') or options.get('b') or options.get('c') or load('x')\n"
        )
    index = RepoMap(Workspace(tmp_path, history=False))
    names = [d.name for d in index.rank().definitions]
    assert names.index("load") < names.index("get")
    assert index.rank(focus_names=["get"]).definitions[0].name == "get"


def test_text_counter_prefers_the_model_tokenizer() -> None:
    from smallcode import ScriptedModel
    from smallcode.repomap import text_counter

    class Tokenizing:
        def tokenize(self, text: str) -> list[int]:
            return [0] * len(text.split())

    assert text_counter(Tokenizing())("three small words") == 3
    estimate = text_counter(ScriptedModel([]))
    assert estimate("") == 0 and estimate("x" * 30) == 11  # 3 characters a token, rounded up by one
