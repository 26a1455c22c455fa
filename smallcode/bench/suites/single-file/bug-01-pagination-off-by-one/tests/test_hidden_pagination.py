import pytest

from pagination import get_page, page_info, total_pages

ITEMS = list(range(1, 46))


def test_first_and_last_page() -> None:
    assert get_page(ITEMS, 1, 10) == list(range(1, 11))
    assert get_page(ITEMS, 5, 10) == [41, 42, 43, 44, 45]
    assert get_page(ITEMS, 6, 10) == []


def test_total_pages() -> None:
    assert total_pages(45, 10) == 5
    assert total_pages(40, 10) == 4
    assert total_pages(0, 10) == 0
    assert total_pages(1, 10) == 1
    with pytest.raises(ValueError):
        total_pages(10, 0)


def test_every_item_once() -> None:
    for per_page in (1, 3, 7, 10, 45, 50):
        seen = []
        for page in range(1, total_pages(len(ITEMS), per_page) + 1):
            seen += get_page(ITEMS, page, per_page)
        assert seen == ITEMS


def test_page_info() -> None:
    assert page_info(45, 5, 10) == {"page": 5, "pages": 5, "has_prev": True, "has_next": False,
                                    "first_item": 41, "last_item": 45}
    assert page_info(45, 1, 10)["has_next"] is True


def test_invalid() -> None:
    with pytest.raises(ValueError):
        get_page(ITEMS, 0, 10)
    with pytest.raises(ValueError):
        get_page(ITEMS, 1, 0)
