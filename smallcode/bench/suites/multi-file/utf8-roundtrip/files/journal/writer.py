from pathlib import Path


def save_entry(path: Path, text: str) -> None:
    with path.open("a", encoding="latin-1") as handle:
        handle.write(text.replace("\n", " ") + "\n")
