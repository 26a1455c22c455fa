from collections.abc import Callable


class Cache:
    def __init__(self) -> None:
        self._values: dict[str, str] = {}
        self.hits = 0

    def get_or_load(self, key: str, load: Callable[[], str]) -> str:
        if key in self._values:
            self.hits += 1
            return self._values[key]
        value = load()
        self._values[key] = value
        return value
