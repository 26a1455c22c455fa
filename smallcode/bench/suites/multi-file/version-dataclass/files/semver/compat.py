from semver.version import parse_version


def is_compatible(required: str, installed: str) -> bool:
    """Same major version and installed >= required."""
    want, have = parse_version(required), parse_version(installed)
    return want[0] == have[0] and have >= want


def describe(text: str) -> str:
    version = parse_version(text)
    return f"major {version[0]}, minor {version[1]}, patch {version[2]}"
