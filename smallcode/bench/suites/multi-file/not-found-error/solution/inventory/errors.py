class InventoryError(Exception):
    """Base class for inventory errors."""


class NotFound(InventoryError):
    """No item has the requested id."""
