import pytest

from textutils import slugify, truncate_words


def test_slugify_basic() -> None:
    assert slugify("Hello World") == "hello-world"


def test_slugify_accents() -> None:
    assert slugify("Café Déjà Vu") == "cafe-deja-vu"


def test_slugify_collapses_runs() -> None:
    assert slugify("a  --  b!!c") == "a-b-c"


def test_slugify_strips_edges() -> None:
    assert slugify("  ¡Hola!  ") == "hola"
    assert slugify("--x--") == "x"


def test_slugify_custom_separator_and_empty() -> None:
    assert slugify("Big Data 2024", separator="_") == "big_data_2024"
    assert slugify("!!!") == ""


def test_truncate_keeps_short_text() -> None:
    assert truncate_words("one  two\nthree", 3) == "one two three"
    assert truncate_words("", 2) == ""


def test_truncate_drops_words() -> None:
    assert truncate_words("one two three four", 2) == "one two…"
    assert truncate_words("one two three", 2, ellipsis="...") == "one two..."


def test_truncate_zero_and_negative() -> None:
    assert truncate_words("one", 0) == "…"
    assert truncate_words("", 0) == ""
    with pytest.raises(ValueError):
        truncate_words("x", -1)
