from tally import commands


def run(line: str) -> str:
    commands.load()
    name, *args = line.split()
    if name not in commands.REGISTRY:
        return f"unknown command: {name}"
    return commands.REGISTRY[name](args)
