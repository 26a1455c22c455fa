"""Summaries of access-log lines in the combined log format."""

import re
from collections import Counter
from collections.abc import Iterable

LINE = re.compile(
    r'^(?P<ip>\S+) \S+ \S+ \[(?P<time>[^\]]+)\] "(?P<method>[A-Z]+) (?P<target>\S+) (?P<proto>[^"]+)" '
    r'(?P<status>\d{3}) (?P<size>\d+|-)(?: "[^"]*" "[^"]*")?\s*$'
)


def analyze(lines: Iterable[str], top: int = 3) -> dict:
    statuses: Counter[int] = Counter()
    paths: Counter[str] = Counter()
    malformed = 0
    total_bytes = 0
    for line in lines:
        if not line.strip():
            continue
        match = LINE.match(line.strip())
        if match is None:
            malformed += 1
            continue
        statuses[int(match["status"])] += 1
        paths[match["target"].split("?", 1)[0]] += 1
        total_bytes += 0 if match["size"] == "-" else int(match["size"])
    requests = sum(statuses.values())
    errors = sum(count for status, count in statuses.items() if status >= 500)
    ranked = sorted(paths.items(), key=lambda item: (-item[1], item[0]))[:top]
    return {
        "requests": requests,
        "malformed": malformed,
        "status": dict(statuses),
        "top_paths": ranked,
        "bytes": total_bytes,
        "error_rate": round(errors / requests, 3) if requests else 0.0,
    }
