from forms.signup import validate_signup
from forms.validators import min_length


def test_validator() -> None:
    check = min_length("name", 3)
    assert check({"name": "ab"}) == "name must be at least 3 characters"
    assert check({"name": "abc"}) is None


def test_signup() -> None:
    assert validate_signup({"email": "a@b.c", "password": "longenough"}) == []
    assert validate_signup({"email": "a@b.c", "password": "short"}) == [
        "password must be at least 8 characters"
    ]
    assert "email is required" in validate_signup({"password": "longenough"})
