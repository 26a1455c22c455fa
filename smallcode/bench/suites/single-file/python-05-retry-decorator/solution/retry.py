"""A retry decorator with exponential backoff."""

import functools
import time
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def retry(
    times: int = 3,
    exceptions: tuple[type[BaseException], ...] = (Exception,),
    delay: float = 0.0,
    backoff: float = 2.0,
    sleep: Callable[[float], None] = time.sleep,
) -> Callable[[F], F]:
    if times < 1:
        raise ValueError("times must be at least 1")

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            current = delay
            for attempt in range(1, times + 1):
                wrapper.last_attempts = attempt  # type: ignore[attr-defined]
                try:
                    return func(*args, **kwargs)
                except exceptions:
                    if attempt == times:
                        raise
                    if current > 0:
                        sleep(current)
                    current *= backoff
            raise AssertionError("unreachable")

        wrapper.last_attempts = 0  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
