from people.users import USERS, fetch_user


def admins() -> list[str]:
    return [fetch_user(uid)["name"] for uid in USERS if fetch_user(uid)["role"] == "admin"]
