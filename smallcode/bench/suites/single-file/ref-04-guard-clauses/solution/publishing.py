"""Rules for publishing an article."""

from dataclasses import dataclass, field


@dataclass
class User:
    name: str
    role: str = "writer"  # writer | editor | admin
    suspended: bool = False


@dataclass
class Article:
    title: str
    body: str
    author: str
    status: str = "draft"  # draft | review | published
    tags: list[str] = field(default_factory=list)


def publish_error(article: Article, user: User) -> str | None:
    """Why the user may not publish the article, or None if they may."""
    if user.suspended:
        return "user is suspended"
    if article.status == "published":
        return "already published"
    if user.role not in ("editor", "admin") and user.name != article.author:
        return "only the author or an editor may publish"
    if not article.title.strip():
        return "title is required"
    if len(article.body.split()) < 50:
        return "body must have at least 50 words"
    if user.role != "admin" and article.status != "review":
        return "article must be reviewed first"
    return None


def can_publish(article: Article, user: User) -> bool:
    if publish_error(article, user) is not None:
        return False
    return bool(article.tags) or user.role == "admin"
