from collections.abc import Callable

MAX_RETRIES = 5


def download(fetch: Callable[[], bytes | None]) -> bytes:
    for _ in range(MAX_RETRIES):
        data = fetch()
        if data is not None:
            return data
    raise IOError("download failed")
