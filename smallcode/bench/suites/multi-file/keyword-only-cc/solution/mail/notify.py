from mail.sender import send


def notify_owner(owner: str, event: str, watchers: list[str]) -> None:
    send(owner, f"Event: {event}", f"Something happened: {event}", cc=watchers)
