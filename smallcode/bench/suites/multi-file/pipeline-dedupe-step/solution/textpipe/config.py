from collections.abc import Callable

from textpipe import steps
from textpipe.dedupe import dedupe

Step = Callable[[list[str]], list[str]]
STEPS: dict[str, Step] = {"strip": steps.strip, "dedupe": dedupe, "sort": steps.sort}
DEFAULT_STEPS = ["strip", "dedupe", "sort"]
