from pathlib import Path

import pytest

from hidden_htmlkit import Rule, declarations, parse_css

CSS = Path("gallery.css").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rules() -> list[Rule]:
    return parse_css(CSS)


def squash(value: str | None) -> str:
    return (value or "").replace(" ", "")


def zeroish(value: str | None) -> bool:
    return squash(value) in {"0", "0px", "0rem", "0em"}


def test_grid(rules: list[Rule]) -> None:
    d = declarations(rules, ".gallery")
    assert d.get("display") == "grid"
    assert squash(d.get("grid-template-columns")) == "repeat(4,1fr)"
    assert d.get("gap") == "12px"
    assert d.get("list-style") == "none" or d.get("list-style-type") == "none"
    assert zeroish(d.get("margin")) and zeroish(d.get("padding"))


def test_images_and_captions(rules: list[Rule]) -> None:
    img = declarations(rules, ".gallery img")
    assert img.get("width") == "100%"
    assert squash(img.get("aspect-ratio")) in {"1/1", "1"}
    assert img.get("object-fit") == "cover"
    assert img.get("display") == "block"
    assert declarations(rules, ".gallery figcaption").get("font-size") == "0.875rem"


def test_featured(rules: list[Rule]) -> None:
    d = declarations(rules, ".gallery .featured")
    assert d.get("grid-column") == "span 2" and d.get("grid-row") == "span 2"


def test_breakpoints(rules: list[Rule]) -> None:
    medium = declarations(rules, ".gallery", media_contains="max-width:900px")
    assert squash(medium.get("grid-template-columns")) == "repeat(2,1fr)"
    small = declarations(rules, ".gallery", media_contains="max-width:500px")
    assert squash(small.get("grid-template-columns")) in {"1fr", "repeat(1,1fr)"}
    featured = declarations(rules, ".gallery .featured", media_contains="max-width:500px")
    assert featured.get("grid-column") == "auto" and featured.get("grid-row") == "auto"


def test_order() -> None:
    compact = CSS.replace(" ", "")
    general = compact.find(".gallery{")
    medium = compact.find("(max-width:900px)")
    small = compact.find("(max-width:500px)")
    assert 0 <= general < medium < small
