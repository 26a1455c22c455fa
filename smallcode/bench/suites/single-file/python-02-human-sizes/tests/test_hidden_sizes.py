import pytest

from sizes import format_size, parse_size


@pytest.mark.parametrize(
    ("n", "binary", "expected"),
    [(0, False, "0 B"), (512, False, "512 B"), (999, False, "999 B"), (1000, False, "1.0 kB"),
     (1500, False, "1.5 kB"), (2_000_000, False, "2.0 MB"), (3_500_000_000, False, "3.5 GB"),
     (1023, True, "1023 B"), (1024, True, "1.0 KiB"), (1536, True, "1.5 KiB"), (2 * 1024**2, True, "2.0 MiB"),
     (5 * 1024**4, True, "5.0 TiB")],
)
def test_format(n: int, binary: bool, expected: str) -> None:
    assert format_size(n, binary=binary) == expected


def test_format_negative() -> None:
    with pytest.raises(ValueError):
        format_size(-1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("512", 512), ("10MB", 10_000_000), ("1.5 GiB", 1610612736), ("2kb", 2000), ("2 KiB", 2048),
     (" 7 b ", 7), ("1.5kB", 1500), ("1 tb", 10**12)],
)
def test_parse(text: str, expected: int) -> None:
    assert parse_size(text) == expected


@pytest.mark.parametrize("bad", ["", "MB", "ten MB", "5 XB", "1.2.3 kB", "-5 kB"])
def test_parse_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_size(bad)
