"""Text helpers for URLs and previews."""

import re
import unicodedata


def slugify(text: str, separator: str = "-") -> str:
    """Make a URL slug.

    - accents are removed ("Café" -> "cafe") and everything is lower-cased;
    - every run of characters that are not ASCII letters or digits becomes ONE separator;
    - there is never a separator at the start or the end;
    - an input with no letters or digits gives "".
    """
    normalized = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-zA-Z0-9]+", separator, normalized).lower()
    return slug.strip(separator)


def truncate_words(text: str, max_words: int, ellipsis: str = "…") -> str:
    """Keep at most max_words words (split on whitespace, re-joined with single spaces).

    The ellipsis is appended only when words were actually dropped. max_words < 0 raises ValueError;
    max_words == 0 gives just the ellipsis for non-empty text and "" for empty text.
    """
    if max_words < 0:
        raise ValueError("max_words must be >= 0")
    words = text.split()
    if len(words) <= max_words:
        return " ".join(words)
    return " ".join(words[:max_words]) + ellipsis
