from pathlib import Path

from accounts.models import User
from accounts.serialize import from_dict, to_dict
from accounts.store import load, save


def test_default() -> None:
    assert User(1, "ann").email == ""


def test_dict_roundtrip() -> None:
    user = User(2, "bob", False, "bob@example.com")
    assert to_dict(user)["email"] == "bob@example.com"
    assert from_dict(to_dict(user)) == user
    assert from_dict({"id": 3, "name": "cy"}).email == ""


def test_csv(tmp_path: Path) -> None:
    users = [User(1, "ann", True, "ann@example.com"), User(2, "bob", False)]
    save(users, tmp_path / "u.csv")
    assert (tmp_path / "u.csv").read_text().splitlines()[0] == "id,name,active,email"
    assert load(tmp_path / "u.csv") == users
