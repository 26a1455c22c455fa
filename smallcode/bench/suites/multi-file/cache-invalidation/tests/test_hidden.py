from profiles.cache import Cache
from profiles.service import ProfileService


def test_update_visible() -> None:
    service = ProfileService()
    service.store.insert("u1", "Ann")
    service.store.insert("u2", "Bob")
    assert service.get("u1") == "Ann"
    assert service.get("u2") == "Bob"
    service.store.update("u1", "Annie")
    assert service.get("u1") == "Annie"
    assert service.get("u2") == "Bob"


def test_cache_still_caches() -> None:
    service = ProfileService()
    service.store.insert("u1", "Ann")
    service.get("u1")
    service.get("u1")
    assert service.cache.hits == 1


def test_invalidate_one_key() -> None:
    cache = Cache()
    cache.get_or_load("a", lambda: "1")
    cache.get_or_load("b", lambda: "2")
    cache.invalidate("a")
    cache.invalidate("missing")
    assert cache.get_or_load("a", lambda: "3") == "3"
    assert cache.get_or_load("b", lambda: "4") == "2"
