from pathlib import Path


def read_entries(path: Path) -> list[str]:
    with path.open() as handle:
        return [line.rstrip("\n") for line in handle]
