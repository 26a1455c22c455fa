def dedupe(lines: list[str]) -> list[str]:
    return list(dict.fromkeys(lines))
