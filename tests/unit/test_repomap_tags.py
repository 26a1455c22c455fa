"""RepoMap tags: definitions and references found in fixture repositories of eight languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from smallcode.repomap import RepoMap, language_for, top_level_names
from smallcode.repomap import tags as tags_module
from smallcode.workspace import Workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "repomap"


def repo_map(language: str) -> RepoMap:
    return RepoMap(Workspace(DATA / language, history=False))


# (fixture, name, defining file, kind, header) for one definition in each language.
DEFINITIONS = [
    (
        "python",
        "apply_discount",
        "shop/pricing.py",
        "function",
        "def apply_discount(order: Order, percent: float) -> float:",
    ),
    ("python", "add", "shop/models.py", "method", "def add(self, price: float) -> None:"),
    ("python", "Order", "shop/models.py", "class", "class Order:"),
    ("javascript", "computeTax", "src/tax.js", "function", "function computeTax(amount)"),
    ("javascript", "addItem", "src/cart.js", "method", "addItem(name, price)"),
    ("javascript", "formatPrice", "src/index.js", "function", "const formatPrice = (value) =>"),
    ("typescript", "Money", "src/money.ts", "interface", "interface Money"),
    ("typescript", "Currency", "src/money.ts", "type", 'type Currency = "EUR" | "USD";'),
    ("typescript", "Price", "src/view.tsx", "function", "function Price(props: {money: Money})"),
    ("go", "NewStore", "store/store.go", "function", "func NewStore() *Store"),
    ("go", "Store", "store/store.go", "struct", "type Store struct {"),
    ("go", "Limit", "store/store.go", "constant", "Limit = 10"),
    ("rust", "Parser", "src/lib.rs", "struct", "pub struct Parser"),
    ("rust", "evaluate", "src/lib.rs", "method", "pub fn evaluate(&self) -> i64"),
    ("rust", "Token", "src/token.rs", "enum", "pub enum Token"),
    (
        "java",
        "reserve",
        "src/com/acme/Inventory.java",
        "method",
        "public boolean reserve(String sku, int count)",
    ),
    ("java", "Stock", "src/com/acme/Stock.java", "interface", "public interface Stock"),
    ("c", "list_push", "src/list.c", "function", "int list_push(struct list *l, int value)"),
    ("c", "list_push", "src/list.h", "prototype", "int list_push(struct list *l, int value);"),
    ("c", "LIST_MAX", "src/list.h", "macro", "#define LIST_MAX 64"),
    ("cpp", "Shape", "src/shape.hpp", "class", "class Shape"),
    ("cpp", "area", "src/shape.cpp", "method", "double Circle::area() const"),
]


@pytest.mark.parametrize(("language", "name", "path", "kind", "header"), DEFINITIONS)
def test_definitions_are_found_with_kind_and_signature(
    language: str, name: str, path: str, kind: str, header: str
) -> None:
    found = [d for d in repo_map(language).definitions(name) if d.path == path]
    assert [(d.kind, d.header) for d in found] == [(kind, header)]


# (fixture, name, file using it, text of the line that uses it)
REFERENCES = [
    ("python", "order_total", "shop/report.py", "total = sum(order_total(order) for order in orders)"),
    ("python", "apply_discount", "shop/cli.py", "from .pricing import apply_discount"),
    ("javascript", "computeTax", "src/cart.js", "return net + computeTax(net);"),
    ("javascript", "Cart", "src/index.js", "const cart = new Cart();"),
    (
        "typescript",
        "formatMoney",
        "src/view.tsx",
        'return <span className="price">{formatMoney(props.money)}</span>;',
    ),
    ("typescript", "Money", "src/app.ts", 'const price: Money = { amount: 3, currency: "EUR" };'),
    ("go", "NewStore", "main.go", "s := store.NewStore()"),
    ("go", "Limit", "main.go", "fmt.Println(value, store.Limit)"),
    ("rust", "lex", "src/lib.rs", "Parser { tokens: lex(input) }"),
    ("rust", "evaluate", "src/main.rs", 'println!("{}", parser.evaluate());'),
    ("java", "reserve", "src/com/acme/App.java", 'boolean ok = inventory.reserve("apple", 2);'),
    ("java", "Stock", "src/com/acme/Inventory.java", "public class Inventory implements Stock {"),
    ("c", "list_push", "src/main.c", "list_push(&l, 3);"),
    ("c", "LIST_MAX", "src/list.c", "if (l->len >= LIST_MAX) {"),
    ("cpp", "area", "src/main.cpp", "std::cout << circle.area() << std::endl;"),
    ("cpp", "Circle", "src/main.cpp", "geo::Circle circle(2.0);"),
]


@pytest.mark.parametrize(("language", "name", "path", "line"), REFERENCES)
def test_references_are_found_with_their_line(language: str, name: str, path: str, line: str) -> None:
    found = repo_map(language).references(name)
    assert (path, line) in [(r.path, r.text) for r in found]
    assert all(r.text for r in found)


def test_a_definition_is_not_its_own_reference() -> None:
    found = repo_map("python").references("apply_discount")
    assert "shop/pricing.py" not in {r.path for r in found}
    assert {r.path for r in found} == {"shop/cli.py"}


def test_nested_definitions_know_their_parent() -> None:
    index = repo_map("rust")
    index.refresh()
    definitions = index.files["src/lib.rs"].definitions
    evaluate = next(d for d in definitions if d.name == "evaluate")
    scope = definitions[evaluate.parent]
    assert (scope.kind, scope.header) == ("impl", "impl Parser")
    assert "Parser" in index.files["src/lib.rs"].references or scope.indexed is False


def test_impl_blocks_give_scope_but_are_not_symbols() -> None:
    parsers = repo_map("rust").definitions("Parser")
    assert [d.kind for d in parsers] == ["struct"]


def test_calls_and_types_link_files_but_local_variables_do_not(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(
        "from b import helper\n\ndef run(value):\n    value = value + 1\n    return helper(value)\n"
    )
    index = RepoMap(Workspace(tmp_path, history=False))
    index.refresh()
    links = index.files["a.py"].links
    assert links["helper"] == 2  # the import and the call
    assert "value" not in links
    assert index.files["a.py"].references["value"] == (3, 4, 5)


def test_a_cpp_header_with_a_h_suffix_is_parsed_as_cpp(tmp_path: Path) -> None:
    (tmp_path / "shape.h").write_text("namespace geo {\nclass Shape {\n  double area() const;\n};\n}\n")
    (tmp_path / "plain.h").write_text("struct point { int x; };\nint norm(struct point p);\n")
    index = RepoMap(Workspace(tmp_path, history=False))
    index.refresh()
    assert index.files["shape.h"].language == "cpp"
    assert index.files["plain.h"].language == "c"
    assert [d.kind for d in index.definitions("Shape")] == ["class"]


def test_multi_line_signatures_become_one_line() -> None:
    (definition,) = repo_map("python").definitions("apply_discount")
    assert "\n" not in definition.header and "( " not in definition.header
    assert (definition.line, definition.end_line) == (6, 11)


def test_unknown_languages_have_no_tags() -> None:
    index = repo_map("plain")
    index.refresh()
    assert set(index.files) == {"config.ini", "docs/guide.md", "docs/site.yml", "notes.txt"}
    assert all(t.language is None and not t.definitions for t in index.files.values())
    assert index.source_files() == []
    assert language_for("notes.txt") is None and language_for("src/App.TSX") == "tsx"


def test_a_missing_grammar_degrades_to_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tags_module, "_grammar", lambda language: None)
    monkeypatch.setattr(tags_module, "_COMPILED", {})
    index = repo_map("python")
    index.refresh()
    models = index.files["shop/models.py"]
    assert models.note == "grammar unavailable" and models.definitions == ()
    text = index.render(500)
    assert "shop/\n" in text and "  models.py" in text and "class Order" not in text


def test_oversized_files_are_listed_not_parsed(tmp_path: Path) -> None:
    (tmp_path / "big.py").write_text("def f():\n    pass\n" * 50)
    (tmp_path / "small.py").write_text("def g():\n    pass\n")
    index = RepoMap(Workspace(tmp_path, history=False), max_file_bytes=100)
    index.refresh()
    assert index.files["big.py"].note == "too large" and not index.files["big.py"].definitions
    assert [d.name for d in index.files["small.py"].definitions] == ["g"]


def test_top_level_names_leave_out_what_is_nested() -> None:
    python = "import os\nLIMIT = 3\n\ndef f():\n    def inner(): ...\n\nclass Box:\n    def open(self): ...\n"
    assert top_level_names("m.py", python) == {"LIMIT", "f", "Box"}
    assert top_level_names("m.js", "function f() {}\nclass K { m() {} }\n") == {"f", "K"}
    assert top_level_names("notes.txt", "f = 1") is None
