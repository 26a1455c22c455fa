from catalog.pagination import page, page_count


def list_view(products: list[str], page_number: int = 1, size: int = 10) -> dict[str, object]:
    """``page_number`` is 1-based, as shown to users."""
    return {
        "items": page(products, page_number, size),
        "page": page_number,
        "pages": page_count(len(products), size),
    }
