from dataclasses import dataclass

from blog.text import slugify


@dataclass
class Post:
    title: str
    body: str

    @property
    def slug(self) -> str:
        return slugify(self.title)

    def url(self) -> str:
        return f"/posts/{self.slug}/"
