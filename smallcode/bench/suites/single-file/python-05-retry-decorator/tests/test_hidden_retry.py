import pytest

from retry import retry


class Flaky:
    def __init__(self, failures: int, exc: type[BaseException] = ConnectionError) -> None:
        self.failures = failures
        self.calls = 0
        self.exc = exc

    def __call__(self, value: int) -> int:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.exc(f"failure {self.calls}")
        return value * 2


def test_succeeds_after_failures_with_backoff() -> None:
    sleeps: list[float] = []
    flaky = Flaky(2)
    wrapped = retry(times=4, delay=0.5, backoff=3, sleep=sleeps.append)(flaky)
    assert wrapped(21) == 42
    assert flaky.calls == 3
    assert sleeps == [0.5, 1.5]
    assert wrapped.last_attempts == 3


def test_gives_up_and_reraises_last() -> None:
    sleeps: list[float] = []
    flaky = Flaky(10)
    wrapped = retry(times=3, delay=1, sleep=sleeps.append)(flaky)
    with pytest.raises(ConnectionError, match="failure 3"):
        wrapped(1)
    assert flaky.calls == 3
    assert sleeps == [1, 2]
    assert wrapped.last_attempts == 3


def test_other_exceptions_not_retried() -> None:
    flaky = Flaky(1, exc=KeyError)
    wrapped = retry(times=5, exceptions=(ConnectionError,), sleep=lambda s: None)(flaky)
    with pytest.raises(KeyError):
        wrapped(1)
    assert flaky.calls == 1


def test_zero_delay_never_sleeps() -> None:
    sleeps: list[float] = []
    wrapped = retry(times=3, sleep=sleeps.append)(Flaky(2))
    assert wrapped(2) == 4
    assert sleeps == []


def test_first_try_success_and_last_attempts_resets() -> None:
    flaky = Flaky(1)
    wrapped = retry(times=3, sleep=lambda s: None)(flaky)
    assert wrapped(1) == 2
    assert wrapped.last_attempts == 2
    assert wrapped(5) == 10
    assert wrapped.last_attempts == 1


def test_wraps_metadata_and_kwargs() -> None:
    @retry(times=2)
    def greet(name: str, *, punct: str = "!") -> str:
        """Say hello."""
        return f"hello {name}{punct}"

    assert greet("ann", punct="?") == "hello ann?"
    assert greet.__name__ == "greet"
    assert greet.__doc__ == "Say hello."


def test_invalid_times() -> None:
    with pytest.raises(ValueError):
        retry(times=0)
