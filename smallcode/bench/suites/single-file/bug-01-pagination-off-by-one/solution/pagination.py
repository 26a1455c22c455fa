"""Split result lists into pages for the admin UI."""

from typing import Any, Sequence


def total_pages(count: int, per_page: int) -> int:
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    return (count + per_page - 1) // per_page


def get_page(items: Sequence[Any], page: int, per_page: int) -> list[Any]:
    if page < 1 or per_page < 1:
        raise ValueError("page and per_page must be at least 1")
    start = (page - 1) * per_page
    return list(items[start:start + per_page])


def page_info(count: int, page: int, per_page: int) -> dict[str, Any]:
    pages = total_pages(count, per_page)
    return {
        "page": page,
        "pages": pages,
        "has_prev": page > 1,
        "has_next": page < pages,
        "first_item": (page - 1) * per_page + 1 if count else 0,
        "last_item": min(page * per_page, count),
    }
