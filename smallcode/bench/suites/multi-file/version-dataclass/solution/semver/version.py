from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int
    patch: int


def parse_version(text: str) -> Version:
    """'1.2.3' -> Version(1, 2, 3); a missing minor or patch is 0."""
    parts = [int(p) for p in text.strip().lstrip("v").split(".")]
    parts += [0] * (3 - len(parts))
    return Version(parts[0], parts[1], parts[2])
