def parse_version(text: str) -> tuple[int, int, int]:
    """'1.2.3' -> (1, 2, 3); a missing minor or patch is 0."""
    parts = [int(p) for p in text.strip().lstrip("v").split(".")]
    parts += [0] * (3 - len(parts))
    return (parts[0], parts[1], parts[2])
