from greeter.messages import MESSAGES


def _templates(lang: str) -> dict[str, str]:
    return MESSAGES.get(lang, MESSAGES["en"])


def greet(name: str, lang: str = "en") -> str:
    return _templates(lang)["hello"].format(name=name)


def farewell(name: str, lang: str = "en") -> str:
    return _templates(lang)["bye"].format(name=name)
