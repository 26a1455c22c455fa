"""A tiny key-value shell: execute("SET a 1", store) -> "OK"."""


def execute(line: str, store: dict[str, str]) -> str:
    parts = line.split()
    if not parts:
        return "ERR empty command"
    command, args = parts[0].upper(), parts[1:]
    if command == "SET":
        if len(args) != 2:
            return "ERR SET takes 2 arguments"
        store[args[0]] = args[1]
        return "OK"
    elif command == "GET":
        if len(args) != 1:
            return "ERR GET takes 1 argument"
        return store.get(args[0], "(nil)")
    elif command == "DEL":
        if not args:
            return "ERR DEL takes at least 1 argument"
        removed = sum(1 for key in args if store.pop(key, None) is not None)
        return str(removed)
    elif command == "EXISTS":
        if len(args) != 1:
            return "ERR EXISTS takes 1 argument"
        return "1" if args[0] in store else "0"
    elif command == "INCR":
        if len(args) != 1:
            return "ERR INCR takes 1 argument"
        value = store.get(args[0], "0")
        if not value.lstrip("-").isdigit():
            return "ERR value is not an integer"
        store[args[0]] = str(int(value) + 1)
        return store[args[0]]
    elif command == "KEYS":
        if args:
            return "ERR KEYS takes no arguments"
        return " ".join(sorted(store)) if store else "(empty)"
    elif command == "RENAME":
        if len(args) != 2:
            return "ERR RENAME takes 2 arguments"
        if args[0] not in store:
            return "ERR no such key"
        store[args[1]] = store.pop(args[0])
        return "OK"
    elif command == "COUNT":
        if args:
            return "ERR COUNT takes no arguments"
        return str(len(store))
    else:
        return f"ERR unknown command {parts[0]}"
