from catalog.export import export_first_page
from catalog.pagination import page
from catalog.views import list_view

PRODUCTS = [f"p{i}" for i in range(1, 26)]


def test_page_is_one_based() -> None:
    assert page(PRODUCTS, 1, 10) == PRODUCTS[:10]
    assert page(PRODUCTS, 3, 10) == PRODUCTS[20:]


def test_export() -> None:
    assert export_first_page(PRODUCTS, 3) == "p1\np2\np3"


def test_view_pages() -> None:
    assert list_view(PRODUCTS)["items"] == PRODUCTS[:10]
    second = list_view(PRODUCTS, 2)
    assert second["items"] == PRODUCTS[10:20] and second["pages"] == 3
