"""Page-range selections for printing."""

import re

_PART = re.compile(r"^(\d+)?\s*(-)?\s*(\d+)?$")


def parse_pages(spec: str, page_count: int) -> list[int]:
    """Parse "1-3, 5, 8-" into sorted unique page numbers (1-based).

    Parts are separated by commas; spaces anywhere are ignored. A part is "N", "A-B" (inclusive), "A-" (A to the
    last page) or "-B" (1 to B). An empty spec means every page. Raise ValueError for: an empty part ("1,,2"), a
    part that is not one of those forms, page 0, A > B, or any page greater than page_count.
    """
    if not spec.strip():
        return list(range(1, page_count + 1))
    pages: set[int] = set()
    for raw in spec.split(","):
        part = raw.strip()
        match = _PART.match(part)
        if not part or match is None or part == "-":
            raise ValueError(f"invalid part {raw!r}")
        first, dash, last = match.groups()
        if dash is None:
            if last is not None:
                raise ValueError(f"invalid part {raw!r}")
            start = end = int(first)
        else:
            start = int(first) if first is not None else 1
            end = int(last) if last is not None else page_count
        if start < 1 or start > end or end > page_count:
            raise ValueError(f"part {raw!r} is out of range 1-{page_count}")
        pages.update(range(start, end + 1))
    return sorted(pages)


def format_pages(pages: list[int]) -> str:
    """The compact form: runs of 3 or more consecutive pages become "A-B", others are listed; e.g.
    [1, 2, 3, 5, 6, 9] -> "1-3, 5, 6, 9". Input may be unsorted and contain duplicates."""
    ordered = sorted(set(pages))
    parts = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{ordered[i]}-{ordered[j]}")
        else:
            parts.extend(str(p) for p in ordered[i:j + 1])
        i = j + 1
    return ", ".join(parts)
