"""A tiny key-value shell: execute("SET a 1", store) -> "OK"."""

from collections.abc import Callable

Store = dict[str, str]


def cmd_set(store: Store, args: list[str]) -> str:
    if len(args) != 2:
        return "ERR SET takes 2 arguments"
    store[args[0]] = args[1]
    return "OK"


def cmd_get(store: Store, args: list[str]) -> str:
    if len(args) != 1:
        return "ERR GET takes 1 argument"
    return store.get(args[0], "(nil)")


def cmd_del(store: Store, args: list[str]) -> str:
    if not args:
        return "ERR DEL takes at least 1 argument"
    return str(sum(1 for key in args if store.pop(key, None) is not None))


def cmd_exists(store: Store, args: list[str]) -> str:
    if len(args) != 1:
        return "ERR EXISTS takes 1 argument"
    return "1" if args[0] in store else "0"


def cmd_incr(store: Store, args: list[str]) -> str:
    if len(args) != 1:
        return "ERR INCR takes 1 argument"
    value = store.get(args[0], "0")
    if not value.lstrip("-").isdigit():
        return "ERR value is not an integer"
    store[args[0]] = str(int(value) + 1)
    return store[args[0]]


def cmd_keys(store: Store, args: list[str]) -> str:
    if args:
        return "ERR KEYS takes no arguments"
    return " ".join(sorted(store)) if store else "(empty)"


def cmd_rename(store: Store, args: list[str]) -> str:
    if len(args) != 2:
        return "ERR RENAME takes 2 arguments"
    if args[0] not in store:
        return "ERR no such key"
    store[args[1]] = store.pop(args[0])
    return "OK"


def cmd_count(store: Store, args: list[str]) -> str:
    if args:
        return "ERR COUNT takes no arguments"
    return str(len(store))


COMMANDS: dict[str, Callable[[Store, list[str]], str]] = {
    "SET": cmd_set,
    "GET": cmd_get,
    "DEL": cmd_del,
    "EXISTS": cmd_exists,
    "INCR": cmd_incr,
    "KEYS": cmd_keys,
    "RENAME": cmd_rename,
    "COUNT": cmd_count,
}


def execute(line: str, store: Store) -> str:
    parts = line.split()
    if not parts:
        return "ERR empty command"
    handler = COMMANDS.get(parts[0].upper())
    if handler is None:
        return f"ERR unknown command {parts[0]}"
    return handler(store, parts[1:])
