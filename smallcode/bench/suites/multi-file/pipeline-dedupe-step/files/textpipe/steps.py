def strip(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip()]


def sort(lines: list[str]) -> list[str]:
    return sorted(lines, key=str.lower)
