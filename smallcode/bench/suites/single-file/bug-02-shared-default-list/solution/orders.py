"""Shopping carts and order tagging."""

from dataclasses import dataclass, field


class Cart:
    def __init__(self, owner: str, items: list[str] | None = None) -> None:
        self.owner = owner
        self.items = list(items) if items is not None else []

    def add(self, item: str) -> None:
        self.items.append(item)

    def __len__(self) -> int:
        return len(self.items)


def add_tag(tag: str, tags: list[str] | None = None) -> list[str]:
    """Return the tag list with `tag` appended (once)."""
    if tags is None:
        tags = []
    if tag not in tags:
        tags.append(tag)
    return tags


@dataclass
class Order:
    id: int
    lines: dict[str, int] = field(default_factory=dict)

    def tag(self, tag: str, existing: list[str] | None = None) -> list[str]:
        self.tags = add_tag(tag, existing)
        return self.tags
