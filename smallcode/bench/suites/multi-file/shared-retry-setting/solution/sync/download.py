from collections.abc import Callable

from sync import settings


def download(fetch: Callable[[], bytes | None]) -> bytes:
    for _ in range(settings.MAX_RETRIES):
        data = fetch()
        if data is not None:
            return data
    raise IOError("download failed")
