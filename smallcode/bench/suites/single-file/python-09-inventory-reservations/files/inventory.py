"""Warehouse stock levels."""


class InventoryError(Exception):
    """Base class for inventory problems."""


class Inventory:
    def __init__(self) -> None:
        self._stock: dict[str, int] = {}

    def add(self, sku: str, qty: int) -> None:
        if qty <= 0:
            raise ValueError("quantity must be positive")
        self._stock[sku] = self._stock.get(sku, 0) + qty

    def on_hand(self, sku: str) -> int:
        return self._stock.get(sku, 0)
