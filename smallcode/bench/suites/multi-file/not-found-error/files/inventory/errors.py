class InventoryError(Exception):
    """Base class for inventory errors."""
