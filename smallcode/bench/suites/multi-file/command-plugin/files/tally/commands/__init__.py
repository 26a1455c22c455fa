from collections.abc import Callable
from importlib import import_module

Command = Callable[[list[str]], str]
REGISTRY: dict[str, Command] = {}
MODULES = ["echo", "upper"]


def register(name: str) -> Callable[[Command], Command]:
    def wrap(func: Command) -> Command:
        REGISTRY[name] = func
        return func

    return wrap


def load() -> None:
    for module in MODULES:
        import_module(f"tally.commands.{module}")
