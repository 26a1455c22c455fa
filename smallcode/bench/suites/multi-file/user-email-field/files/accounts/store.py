import csv
from pathlib import Path

from accounts.models import User

HEADER = ["id", "name", "active"]


def save(users: list[User], path: Path) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for user in users:
            writer.writerow([user.id, user.name, int(user.active)])


def load(path: Path) -> list[User]:
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [User(int(r["id"]), r["name"], r["active"] == "1") for r in rows]
