"""Resolve package dependencies for the installer."""

REGISTRY: dict[str, list[str]] = {
    "web": ["http", "templates"],
    "http": ["sockets", "tls"],
    "templates": ["strings"],
    "tls": ["sockets", "crypto"],
    "sockets": [],
    "crypto": [],
    "strings": [],
}


def direct(name: str, registry: dict[str, list[str]] | None = None) -> list[str]:
    registry = REGISTRY if registry is None else registry
    if name not in registry:
        raise KeyError(f"unknown package {name!r}")
    return registry[name]


def all_dependencies(name: str, registry: dict[str, list[str]] | None = None) -> list[str]:
    result: list[str] = []
    seen = {name}

    def walk(current: str) -> None:
        for dep in direct(current, registry):
            if dep not in seen:
                seen.add(dep)
                result.append(dep)
                walk(dep)

    walk(name)
    return result


def install_order(name: str, registry: dict[str, list[str]] | None = None) -> list[str]:
    order: list[str] = []
    visited: set[str] = set()

    def visit(current: str) -> None:
        if current in visited:
            return
        visited.add(current)
        for dep in direct(current, registry):
            visit(dep)
        order.append(current)

    visit(name)
    return order
