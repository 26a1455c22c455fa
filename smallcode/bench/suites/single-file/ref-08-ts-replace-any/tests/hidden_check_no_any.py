import re
import sys
from pathlib import Path

source = Path("events.ts").read_text()
code = re.sub(r"//.*|/\*[\s\S]*?\*/", "", source)
code = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`(?:[^`\\]|\\.)*`", "''", code)
if re.search(r"\bany\b", code):
    sys.exit("events.ts still uses `any`")
if "@ts-ignore" in source or "@ts-nocheck" in source:
    sys.exit("events.ts suppresses type errors")
