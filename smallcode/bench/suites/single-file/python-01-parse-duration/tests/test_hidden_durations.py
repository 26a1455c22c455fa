import pytest

from durations import format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [("45s", 45), ("1h30m", 5400), ("2d 4h", 187200), ("1h 5m 30s", 3930), ("10M", 600), ("3D", 259200),
     ("0s", 0), ("1d1h1m1s", 90061)],
)
def test_parse(text: str, expected: int) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("bad", ["", "   ", "5", "1x", "1h2h", "h", "1h 30", "-5m"])
def test_parse_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(bad)


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "0s"), (45, "45s"), (5400, "1h 30m"), (90061, "1d 1h 1m 1s"), (86400, "1d"), (3601, "1h 1s")],
)
def test_format(seconds: int, expected: str) -> None:
    assert format_duration(seconds) == expected


def test_format_negative() -> None:
    with pytest.raises(ValueError):
        format_duration(-1)


def test_round_trip() -> None:
    for n in (1, 59, 61, 3599, 3600, 86399, 123456):
        assert parse_duration(format_duration(n)) == n
