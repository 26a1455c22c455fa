from collections.abc import Callable

Check = Callable[[dict[str, str]], str | None]


def required(field: str) -> Check:
    def check(data: dict[str, str]) -> str | None:
        return None if data.get(field, "").strip() else f"{field} is required"

    return check


def contains(field: str, text: str) -> Check:
    def check(data: dict[str, str]) -> str | None:
        return None if text in data.get(field, "") else f"{field} must contain {text!r}"

    return check
