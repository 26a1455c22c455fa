import warnings

USERS = {1: {"name": "Ada", "role": "admin"}, 2: {"name": "Linus", "role": "user"}}


def fetch_user(user_id: int) -> dict[str, str]:
    return dict(USERS[user_id])


def get_user(id: int) -> dict[str, str]:
    warnings.warn("get_user is deprecated; use fetch_user", DeprecationWarning, stacklevel=2)
    return fetch_user(id)
