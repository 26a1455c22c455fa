from semver.version import parse_version


def is_compatible(required: str, installed: str) -> bool:
    """Same major version and installed >= required."""
    want, have = parse_version(required), parse_version(installed)
    return want.major == have.major and have >= want


def describe(text: str) -> str:
    version = parse_version(text)
    return f"major {version.major}, minor {version.minor}, patch {version.patch}"
