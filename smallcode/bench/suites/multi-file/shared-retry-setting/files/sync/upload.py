from collections.abc import Callable

MAX_RETRIES = 3


def upload(send: Callable[[bytes], bool], data: bytes) -> int:
    """Attempts used; raises after MAX_RETRIES failures."""
    for attempt in range(1, MAX_RETRIES + 1):
        if send(data):
            return attempt
    raise IOError("upload failed")
