from people import users


def profile_line(uid: int) -> str:
    user = users.get_user(uid)
    return f"{user['name']} ({user['role']})"
