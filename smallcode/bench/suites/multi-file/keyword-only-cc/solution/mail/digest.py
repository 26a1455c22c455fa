from mail import sender


def send_digest(user: str, items: list[str]) -> None:
    body = "\n".join(f"- {item}" for item in items)
    sender.send(user, f"{len(items)} updates", body)
