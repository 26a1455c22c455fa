from greeter.greeting import farewell, greet
from greeter.messages import MESSAGES


def test_spanish() -> None:
    assert greet("Ana", "es") == "¡Hola, Ana!"
    assert farewell("Ana", lang="es") == "Adiós, Ana."
    assert MESSAGES["es"]["hello"] == "¡Hola, {name}!"


def test_english_and_fallback() -> None:
    assert greet("Bo") == "Hello, Bo!"
    assert farewell("Bo", "fr") == "Goodbye, Bo."
