import pytest

from netkit.client import Client
from netkit.config import Config


class Flaky:
    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls = 0

    def __call__(self, url: str, timeout: float) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise ConnectionError("down")
        return f"ok {url}"


def test_default_is_three() -> None:
    assert Config.from_dict({"base_url": "http://x"}).retry_limit == 3
    transport = Flaky(5)
    with pytest.raises(RuntimeError):
        Client(Config("http://x"), transport).get("a")
    assert transport.calls == 3


def test_configured_limit() -> None:
    config = Config.from_dict({"base_url": "http://x/", "retry_limit": 6})
    transport = Flaky(5)
    assert Client(config, transport).get("/a") == "ok http://x/a"
    assert transport.calls == 6
