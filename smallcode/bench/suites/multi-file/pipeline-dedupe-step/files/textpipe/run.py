from textpipe.config import DEFAULT_STEPS, STEPS


def run(text: str, names: list[str] | None = None) -> str:
    lines = text.splitlines()
    for name in names or DEFAULT_STEPS:
        lines = STEPS[name](lines)
    return "\n".join(lines)
