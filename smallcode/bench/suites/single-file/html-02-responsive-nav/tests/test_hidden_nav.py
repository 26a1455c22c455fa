from pathlib import Path

import pytest

from hidden_htmlkit import Rule, declarations, parse_css


@pytest.fixture(scope="module")
def rules() -> list[Rule]:
    return parse_css(Path("nav.css").read_text(encoding="utf-8"))


def zeroish(value: str | None) -> bool:
    return value is not None and value.replace("px", "").replace("rem", "").replace("em", "").strip() == "0"


def test_list_layout(rules: list[Rule]) -> None:
    d = declarations(rules, ".site-nav ul")
    assert d.get("list-style") == "none" or d.get("list-style-type") == "none"
    assert zeroish(d.get("margin")) and zeroish(d.get("padding"))
    assert d.get("display") == "flex"
    assert d.get("gap") == "1rem"
    assert d.get("flex-direction", "row") == "row"


def test_links(rules: list[Rule]) -> None:
    d = declarations(rules, ".site-nav a")
    assert d.get("text-decoration") == "none"
    assert d.get("color", "").lower() == "#1d4ed8"


def test_hover_and_focus(rules: list[Rule]) -> None:
    for sel in (".site-nav a:hover", ".site-nav a:focus"):
        assert declarations(rules, sel).get("text-decoration") == "underline", sel


def test_current_page(rules: list[Rule]) -> None:
    d = declarations(rules, '.site-nav a[aria-current="page"]')
    assert d.get("font-weight") in {"700", "bold"}


def test_narrow_screens(rules: list[Rule]) -> None:
    d = declarations(rules, ".site-nav ul", media_contains="max-width:600px")
    assert d.get("flex-direction") == "column"


def test_html_untouched() -> None:
    html = Path("index.html").read_text(encoding="utf-8")
    assert 'href="nav.css"' in html and 'class="site-nav"' in html and 'aria-current="page"' in html
