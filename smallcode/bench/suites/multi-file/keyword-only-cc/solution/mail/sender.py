from collections.abc import Sequence

OUTBOX: list[dict[str, object]] = []


def send(to: str, subject: str, body: str, *, cc: Sequence[str] = ()) -> None:
    OUTBOX.append({"to": to, "subject": subject, "body": body, "cc": list(cc)})
