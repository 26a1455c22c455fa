import warnings

import pytest

from people.admin import admins
from people.profile import profile_line
from people.users import fetch_user, get_user


def test_fetch_user() -> None:
    assert fetch_user(user_id=2) == {"name": "Linus", "role": "user"}


def test_wrapper_warns() -> None:
    with pytest.warns(DeprecationWarning):
        assert get_user(1)["name"] == "Ada"


def test_callers_do_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        assert admins() == ["Ada"]
        assert profile_line(2) == "Linus (user)"
