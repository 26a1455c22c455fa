import re
from dataclasses import dataclass


def slugify(title: str) -> str:
    """'Hello, World!' -> 'hello-world'."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower())
    return slug.strip("-")


@dataclass
class Post:
    title: str
    body: str

    @property
    def slug(self) -> str:
        return slugify(self.title)

    def url(self) -> str:
        return f"/posts/{self.slug}/"
