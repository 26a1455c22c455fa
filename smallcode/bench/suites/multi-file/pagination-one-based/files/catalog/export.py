from catalog.pagination import page


def export_first_page(products: list[str], size: int) -> str:
    return "\n".join(page(products, 1, size))
