from pathlib import Path

from logtool.reader import read_lines


def process(paths: list[Path], limit: int | None = None) -> list[str]:
    out: list[str] = []
    for path in paths:
        out.extend(f"{path.name}: {line}" for line in read_lines(path, limit))
    return out
