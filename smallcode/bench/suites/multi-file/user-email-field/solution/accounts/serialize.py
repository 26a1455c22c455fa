from accounts.models import User


def to_dict(user: User) -> dict[str, object]:
    return {"id": user.id, "name": user.name, "active": user.active, "email": user.email}


def from_dict(data: dict[str, object]) -> User:
    return User(
        id=int(data["id"]),  # type: ignore[call-overload]
        name=str(data["name"]),
        active=bool(data.get("active", True)),
        email=str(data.get("email", "")),
    )
