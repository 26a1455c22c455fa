import pytest

from password_policy import check_password, strength

GOOD = "Tr0ub4dor&3xyz"


def test_good_password() -> None:
    assert check_password(GOOD) == []


def test_length_boundaries() -> None:
    assert check_password("Aa1!" + "x" * 8) == []
    assert check_password("Aa1!" + "x" * 7) == ["too_short"]
    assert check_password("Aa1!" + "x" * 124) == []
    assert check_password("Aa1!" + "x" * 125) == ["too_long"]


def test_all_problems_in_order() -> None:
    assert check_password("") == ["too_short", "no_lower", "no_upper", "no_digit", "no_symbol"]
    assert check_password("abcdefghijkl") == ["no_upper", "no_digit", "no_symbol"]
    assert check_password("ABCDEFGHIJK1") == ["no_lower", "no_symbol"]


def test_whitespace_is_not_a_symbol() -> None:
    assert check_password("Abcdefgh 1234") == ["no_symbol"]


def test_contains_username() -> None:
    assert check_password("xxAliceXX1!yy", username="alice") == ["contains_name"]
    assert check_password("Tr0ub4dor&3ab", username="ab") == []
    assert check_password("Tr0ub4dor&3abc", username="ABC") == ["contains_name"]


def test_common_passwords_case_insensitive() -> None:
    assert "common" in check_password("Password1234")
    assert "common" in check_password("password1234")


@pytest.mark.parametrize(
    ("password", "score"),
    [("", 0), ("abc", 0), ("abcdefghijkl", 1), ("abcdefghijklmnop", 2), ("abcdefghijklmno", 1),
     ("Abcdefghijklmnop", 3), ("Abcdefghijklmn1!", 4), ("abcdefghijk1!", 2), ("ABCDEFGHIJKLMNOP", 2)],
)
def test_strength(password: str, score: int) -> None:
    assert strength(password) == score
