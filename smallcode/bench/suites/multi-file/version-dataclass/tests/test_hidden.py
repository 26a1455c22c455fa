import dataclasses

from semver.compat import describe, is_compatible
from semver.version import Version, parse_version


def test_version_object() -> None:
    version = parse_version("v2.5")
    assert dataclasses.is_dataclass(version)
    assert (version.major, version.minor, version.patch) == (2, 5, 0)
    assert version == Version(2, 5, 0)
    assert parse_version("1.10.0") > parse_version("1.9.9")


def test_compat() -> None:
    assert is_compatible("1.2.0", "1.4.1")
    assert not is_compatible("1.2.0", "2.0.0")
    assert not is_compatible("1.2.0", "1.1.9")
    assert describe("3.1.4") == "major 3, minor 1, patch 4"
