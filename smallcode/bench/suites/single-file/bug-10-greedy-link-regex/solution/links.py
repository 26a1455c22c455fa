"""Find the links in an HTML page."""

import re

LINK = re.compile(
    r"""<a\s(?:[^>]*?\s)?href\s*=\s*(?:"([^"]*)"|'([^']*)')""",
    re.IGNORECASE,
)


def extract_links(html: str) -> list[str]:
    seen: dict[str, None] = {}
    for double, single in LINK.findall(html):
        seen.setdefault(double or single, None)
    return list(seen)


def external_links(html: str, own_host: str) -> list[str]:
    return [url for url in extract_links(html) if url.startswith("http") and own_host not in url]
