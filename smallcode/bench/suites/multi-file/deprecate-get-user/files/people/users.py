USERS = {1: {"name": "Ada", "role": "admin"}, 2: {"name": "Linus", "role": "user"}}


def get_user(id: int) -> dict[str, str]:
    return dict(USERS[id])
