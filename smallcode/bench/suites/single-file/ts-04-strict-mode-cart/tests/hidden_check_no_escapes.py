import re
import sys
from pathlib import Path

source = Path("cart.ts").read_text()
code = re.sub(r"//.*|/\*[\s\S]*?\*/", "", source)
problems = []
if re.search(r"\bany\b", code):
    problems.append("uses `any`")
if "@ts-ignore" in source or "@ts-nocheck" in source or "@ts-expect-error" in source:
    problems.append("suppresses type errors with a comment")
if re.search(r"[\w\)\]]!(?=[.\[);,\s])", code.replace("!=", "  ")):
    problems.append("uses a non-null assertion")
if problems:
    sys.exit("cart.ts: " + "; ".join(problems))
