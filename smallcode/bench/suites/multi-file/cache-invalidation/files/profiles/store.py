from profiles.cache import Cache


class ProfileStore:
    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        self._rows: dict[str, str] = {}

    def insert(self, user: str, name: str) -> None:
        self._rows[user] = name

    def update(self, user: str, name: str) -> None:
        self._rows[user] = name

    def read(self, user: str) -> str:
        return self._rows[user]
