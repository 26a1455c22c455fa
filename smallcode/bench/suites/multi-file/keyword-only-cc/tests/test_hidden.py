import inspect

from mail import sender
from mail.digest import send_digest
from mail.notify import notify_owner


def test_signature() -> None:
    parameter = inspect.signature(sender.send).parameters["cc"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
    assert tuple(parameter.default) == ()


def test_callers() -> None:
    sender.OUTBOX.clear()
    notify_owner("ann@x", "deploy", ["bob@x"])
    send_digest("cy@x", ["a", "b"])
    assert sender.OUTBOX == [
        {"to": "ann@x", "subject": "Event: deploy", "body": "Something happened: deploy", "cc": ["bob@x"]},
        {"to": "cy@x", "subject": "2 updates", "body": "- a\n- b", "cc": []},
    ]
