from collections.abc import Callable

from textpipe import steps

Step = Callable[[list[str]], list[str]]
STEPS: dict[str, Step] = {"strip": steps.strip, "sort": steps.sort}
DEFAULT_STEPS = ["strip", "sort"]
