import pytest

from ranges import format_pages, parse_pages


def test_single_and_ranges() -> None:
    assert parse_pages("1-3,5", 10) == [1, 2, 3, 5]
    assert parse_pages("7", 7) == [7]


def test_whitespace_and_duplicates() -> None:
    assert parse_pages(" 5 , 1 - 3 ,2,3 ", 10) == [1, 2, 3, 5]


def test_open_ended() -> None:
    assert parse_pages("8-", 10) == [8, 9, 10]
    assert parse_pages("-3", 10) == [1, 2, 3]


def test_empty_spec_means_all() -> None:
    assert parse_pages("", 4) == [1, 2, 3, 4]
    assert parse_pages("   ", 2) == [1, 2]


@pytest.mark.parametrize("spec", ["1,,2", "a", "1-2-3", "-", "0", "3-1", "11", "9-12", "1 2", ","])
def test_errors(spec: str) -> None:
    with pytest.raises(ValueError):
        parse_pages(spec, 10)


def test_last_page_allowed() -> None:
    assert parse_pages("10", 10) == [10]
    assert parse_pages("9-10", 10) == [9, 10]


def test_format_pages() -> None:
    assert format_pages([1, 2, 3, 5, 6, 9]) == "1-3, 5, 6, 9"
    assert format_pages([9, 1, 3, 2, 2]) == "1-3, 9"
    assert format_pages([4, 5]) == "4, 5"
    assert format_pages([]) == ""


def test_round_trip() -> None:
    pages = [1, 2, 3, 4, 7, 9, 10, 11]
    assert parse_pages(format_pages(pages), 20) == pages
