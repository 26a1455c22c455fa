from profiles.cache import Cache
from profiles.store import ProfileStore


class ProfileService:
    def __init__(self) -> None:
        self.cache = Cache()
        self.store = ProfileStore(self.cache)

    def get(self, user: str) -> str:
        return self.cache.get_or_load(user, lambda: self.store.read(user))
