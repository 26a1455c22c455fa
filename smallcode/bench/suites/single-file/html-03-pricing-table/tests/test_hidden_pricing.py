from pathlib import Path

import pytest

from hidden_htmlkit import Node, declarations, parse_css, parse_html, style_text

ROWS = [
    ["Price per month", "$0", "$12", "$30"],
    ["Projects", "3", "Unlimited", "Unlimited"],
    ["Storage", "1 GB", "50 GB", "1 TB"],
    ["Support", "—", "Email", "Priority"],
]


@pytest.fixture(scope="module")
def doc() -> Node:
    root, errors, doctype = parse_html(Path("pricing.html").read_text(encoding="utf-8"))
    assert doctype.lower() == "doctype html"
    assert errors == []
    return root


def cells(row: Node) -> list[Node]:
    return [c for c in row.children if isinstance(c, Node) and c.tag in {"td", "th"}]


def test_page(doc: Node) -> None:
    assert doc.find("html").attrs.get("lang") == "en"
    assert doc.find("title") is not None


def test_caption_and_head(doc: Node) -> None:
    tables = doc.find_all("table")
    assert len(tables) == 1
    caption = tables[0].find("caption")
    assert caption is not None and caption.text() == "Plan comparison"
    head_rows = tables[0].find("thead").find_all("tr")
    assert len(head_rows) == 1
    header = cells(head_rows[0])
    assert [c.text() for c in header] == ["Feature", "Free", "Pro", "Team"]
    assert all(c.tag == "th" and c.attrs.get("scope") == "col" for c in header)


def test_body_rows(doc: Node) -> None:
    rows = doc.find("tbody").find_all("tr")
    assert [[c.text() for c in cells(r)] for r in rows] == ROWS
    for row in rows:
        first, *rest = cells(row)
        assert first.tag == "th" and first.attrs.get("scope") == "row"
        assert all(c.tag == "td" for c in rest)
    assert "price" in rows[0].classes()
    assert not any("price" in r.classes() for r in rows[1:])


def test_footer(doc: Node) -> None:
    rows = doc.find("tfoot").find_all("tr")
    assert len(rows) == 1
    only = cells(rows[0])
    assert len(only) == 1 and only[0].attrs.get("colspan") == "4"
    assert only[0].text() == "Prices exclude VAT."


def test_styles(doc: Node) -> None:
    assert doc.find("head").find("style") is not None
    rules = parse_css(style_text(doc))
    assert declarations(rules, "table").get("border-collapse") == "collapse"
    padding = declarations(rules, "th,td").get("padding") or (
        declarations(rules, "th").get("padding") and declarations(rules, "td").get("padding"))
    assert padding
    assert declarations(rules, ".price td").get("text-align") == "right"
