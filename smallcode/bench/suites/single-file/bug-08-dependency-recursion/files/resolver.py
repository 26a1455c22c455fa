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
    result = []
    for dep in direct(name, registry):
        result.append(dep)
        result.extend(all_dependencies(dep, registry))
    return result


def install_order(name: str, registry: dict[str, list[str]] | None = None) -> list[str]:
    order = []
    for dep in direct(name, registry):
        order.extend(install_order(dep, registry))
    order.append(name)
    return order
