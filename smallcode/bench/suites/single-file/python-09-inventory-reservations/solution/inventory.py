"""Warehouse stock levels with reservations."""


class InventoryError(Exception):
    """Base class for inventory problems."""


class OutOfStockError(InventoryError):
    """Raised when a reservation asks for more than is available."""


class Inventory:
    def __init__(self) -> None:
        self._stock: dict[str, int] = {}
        self._reservations: dict[str, tuple[str, int]] = {}
        self._next_id = 1

    def add(self, sku: str, qty: int) -> None:
        if qty <= 0:
            raise ValueError("quantity must be positive")
        self._stock[sku] = self._stock.get(sku, 0) + qty

    def on_hand(self, sku: str) -> int:
        return self._stock.get(sku, 0)

    def available(self, sku: str) -> int:
        reserved = sum(qty for reserved_sku, qty in self._reservations.values() if reserved_sku == sku)
        return self.on_hand(sku) - reserved

    def reserve(self, sku: str, qty: int) -> str:
        if qty <= 0:
            raise ValueError("quantity must be positive")
        if self.available(sku) < qty:
            raise OutOfStockError(f"only {self.available(sku)} of {sku} available, {qty} requested")
        reservation_id = f"R{self._next_id}"
        self._next_id += 1
        self._reservations[reservation_id] = (sku, qty)
        return reservation_id

    def release(self, reservation_id: str) -> None:
        del self._reservations[reservation_id]

    def commit(self, reservation_id: str) -> None:
        sku, qty = self._reservations.pop(reservation_id)
        self._stock[sku] -= qty
