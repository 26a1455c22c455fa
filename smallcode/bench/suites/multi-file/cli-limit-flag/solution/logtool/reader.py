from pathlib import Path


def read_lines(path: Path, limit: int | None = None) -> list[str]:
    lines = path.read_text().splitlines()
    return lines if limit is None else lines[:limit]
