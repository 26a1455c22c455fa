from people.users import USERS, get_user


def admins() -> list[str]:
    return [get_user(uid)["name"] for uid in USERS if get_user(uid)["role"] == "admin"]
