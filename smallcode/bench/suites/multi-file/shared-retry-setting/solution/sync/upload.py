from collections.abc import Callable

from sync import settings


def upload(send: Callable[[bytes], bool], data: bytes) -> int:
    """Attempts used; raises after settings.MAX_RETRIES failures."""
    for attempt in range(1, settings.MAX_RETRIES + 1):
        if send(data):
            return attempt
    raise IOError("upload failed")
