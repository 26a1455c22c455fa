"""Parse the contents of a .env file."""

import re

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _interpolate(value: str, env: dict[str, str]) -> str:
    return _VAR.sub(lambda m: env.get(m.group(1), ""), value)


def _double_quoted(raw: str, number: int) -> str:
    out = []
    i = 1
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw) and raw[i + 1] in _ESCAPES:
            out.append(_ESCAPES[raw[i + 1]])
            i += 2
            continue
        if ch == '"':
            return "".join(out)
        out.append(ch)
        i += 1
    raise ValueError(f"line {number}: unterminated double quote")


def parse_dotenv(text: str) -> dict[str, str]:
    env: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("export "):
            stripped = stripped[len("export "):]
        if "=" not in stripped:
            raise ValueError(f"line {number}: expected KEY=VALUE")
        key, raw = stripped.split("=", 1)
        key = key.strip()
        if not _KEY.fullmatch(key):
            raise ValueError(f"line {number}: invalid key {key!r}")
        raw = raw.strip()
        if raw.startswith("'"):
            end = raw.find("'", 1)
            if end == -1:
                raise ValueError(f"line {number}: unterminated single quote")
            value = raw[1:end]
        elif raw.startswith('"'):
            value = _interpolate(_double_quoted(raw, number), env)
        else:
            value = _interpolate(raw.split(" #", 1)[0].strip(), env)
        env[key] = value
    return env
