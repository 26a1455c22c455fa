from pathlib import Path

import pytest

from hidden_htmlkit import Node, Rule, declarations, parse_css, parse_html, style_text


@pytest.fixture(scope="module")
def doc() -> Node:
    root, errors, doctype = parse_html(Path("card.html").read_text(encoding="utf-8"))
    assert doctype.lower() == "doctype html"
    assert errors == []
    return root


@pytest.fixture(scope="module")
def rules(doc: Node) -> list[Rule]:
    style = doc.find("head").find("style")
    assert style is not None, "CSS belongs in a <style> in the head"
    return parse_css(style_text(doc))


def test_markup(doc: Node) -> None:
    assert doc.find("html").attrs.get("lang") == "en"
    cards = doc.find_all("article", class_="card")
    assert len(cards) == 1
    card = cards[0]
    img = card.find("img")
    assert img.attrs.get("src") == "img/lamp.jpg" and len(img.attrs.get("alt", "").strip()) >= 4
    assert card.find("h2").text() == "Desk Lamp"
    assert card.find("p", class_="price").text() == "€49.00"
    plain = [p for p in card.find_all("p") if "price" not in p.classes()]
    assert len(plain) == 1 and len(plain[0].text()) > 10
    button = card.find("a", class_="button")
    assert button.attrs.get("href") == "/cart/add?sku=lamp-01" and button.text() == "Add to cart"


def test_accent_variable(rules: list[Rule]) -> None:
    assert declarations(rules, ":root").get("--accent", "").lower() == "#0f766e"


def test_card_box(rules: list[Rule]) -> None:
    d = declarations(rules, ".card")
    assert d.get("max-width") == "320px"
    assert d.get("border-radius") == "12px"
    assert d.get("box-shadow") and d.get("box-shadow") != "none"
    assert d.get("overflow") == "hidden"
    img = declarations(rules, ".card img")
    assert img.get("width") == "100%" and img.get("display") == "block"


def test_button(rules: list[Rule]) -> None:
    d = declarations(rules, ".card .button")
    background = d.get("background") or d.get("background-color") or ""
    assert "var(--accent)" in background.replace(" ", "")
    assert d.get("color", "").lower() in {"#fff", "#ffffff", "white"}
    assert d.get("text-decoration") == "none"
    for state in ("hover", "focus-visible"):
        assert declarations(rules, f".card .button:{state}").get("filter") == "brightness(1.1)", state
