"""Disjoint sets (union-find) and customer-record merging."""

from collections.abc import Hashable


class DisjointSet:
    def __init__(self) -> None:
        self._parent: dict[Hashable, Hashable] = {}
        self._size: dict[Hashable, int] = {}
        self._count = 0

    def add(self, x: Hashable) -> None:
        if x not in self._parent:
            self._parent[x] = x
            self._size[x] = 1
            self._count += 1

    def find(self, x: Hashable) -> Hashable:
        self.add(x)
        root = x
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[x] != root:
            self._parent[x], x = root, self._parent[x]
        return root

    def union(self, a: Hashable, b: Hashable) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self._size[ra] < self._size[rb]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._size[ra] += self._size[rb]
        self._count -= 1
        return True

    def connected(self, a: Hashable, b: Hashable) -> bool:
        return self.find(a) == self.find(b)

    @property
    def count(self) -> int:
        return self._count

    def groups(self) -> list[set[Hashable]]:
        by_root: dict[Hashable, set[Hashable]] = {}
        for item in self._parent:
            by_root.setdefault(self.find(item), set()).add(item)
        return list(by_root.values())

    def __len__(self) -> int:
        return len(self._parent)


def merge_customers(records: list[dict]) -> list[list[int]]:
    sets = DisjointSet()
    owner: dict[tuple[str, str], int] = {}
    for record in records:
        rid = record["id"]
        sets.add(rid)
        keys = [("email", e.strip().lower()) for e in record.get("emails", [])]
        keys += [("phone", p) for p in record.get("phones", [])]
        for key in keys:
            if key in owner:
                sets.union(owner[key], rid)
            else:
                owner[key] = rid
    groups = [sorted(group) for group in sets.groups()]
    return sorted(groups, key=lambda g: g[0])
