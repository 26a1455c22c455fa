import re
from pathlib import Path

import pytest

from hidden_htmlkit import Node, parse_html

SOURCE = Path("product.html").read_text(encoding="utf-8")
CANONICAL = "https://shop.example.com/p/trail-runner-2"
BODY = """<body>
  <main>
    <h1>Trail Runner 2</h1>
    <p class="price">€129</p>
    <p>Light trail shoe with a grippy outsole and a roomy toe box, for long days on rocky paths.</p>
    <button type="button" data-sku="TR2">Add to basket</button>
  </main>
</body>"""


@pytest.fixture(scope="module")
def head() -> Node:
    root, errors, _ = parse_html(SOURCE)
    assert errors == []
    assert root.find("html").attrs.get("lang") == "en"
    return root.find("head")


def metas(head: Node, key: str, value: str) -> list[Node]:
    return [m for m in head.find_all("meta") if m.attrs.get(key, "").lower() == value]


def test_charset_first_and_viewport(head: Node) -> None:
    first = next(c for c in head.children if isinstance(c, Node))
    assert first.tag == "meta" and first.attrs.get("charset", "").lower() == "utf-8"
    assert len([m for m in head.find_all("meta") if "charset" in m.attrs]) == 1
    viewport = metas(head, "name", "viewport")
    assert len(viewport) == 1
    assert viewport[0].attrs.get("content", "").replace(" ", "") == "width=device-width,initial-scale=1"


def test_title_and_description(head: Node) -> None:
    titles = head.find_all("title")
    assert len(titles) == 1
    assert "Trail Runner 2" in titles[0].text() and len(titles[0].text()) <= 60
    descriptions = metas(head, "name", "description")
    assert len(descriptions) == 1
    assert 50 <= len(descriptions[0].attrs.get("content", "").strip()) <= 160


def test_canonical(head: Node) -> None:
    links = [link for link in head.find_all("link") if link.attrs.get("rel") == "canonical"]
    assert len(links) == 1 and links[0].attrs.get("href") == CANONICAL
    assert any(link.attrs.get("href") == "/css/shop.css" for link in head.find_all("link"))


def test_open_graph(head: Node) -> None:
    def og(name: str) -> str:
        found = metas(head, "property", name)
        assert len(found) == 1, name
        return found[0].attrs.get("content", "").strip()

    assert og("og:title")
    assert og("og:description")
    assert og("og:type") == "product"
    assert og("og:url") == CANONICAL
    assert og("og:image") == "https://shop.example.com/img/trail-runner-2.jpg"


def test_body_unchanged() -> None:
    body = re.search(r"<body>.*</body>", SOURCE, flags=re.DOTALL)
    assert body is not None
    assert " ".join(body.group(0).split()) == " ".join(BODY.split())
