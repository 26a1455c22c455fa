"""Find the links in an HTML page."""

import re

LINK = re.compile(r'<a href="(.*)"')


def extract_links(html: str) -> list[str]:
    return LINK.findall(html)


def external_links(html: str, own_host: str) -> list[str]:
    return [url for url in extract_links(html) if url.startswith("http") and own_host not in url]
