from collections.abc import Callable

from netkit.config import Config

Transport = Callable[[str, float], str]


class Client:
    def __init__(self, config: Config, transport: Transport) -> None:
        self.config = config
        self.transport = transport

    def get(self, path: str) -> str:
        url = self.config.base_url.rstrip("/") + "/" + path.lstrip("/")
        last: Exception | None = None
        for _ in range(self.config.retry_limit):
            try:
                return self.transport(url, self.config.timeout)
            except ConnectionError as exc:
                last = exc
        raise RuntimeError(f"GET {url} failed") from last
