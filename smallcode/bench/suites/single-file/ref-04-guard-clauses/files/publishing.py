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
    if not user.suspended:
        if article.status != "published":
            if user.role in ("editor", "admin") or user.name == article.author:
                if article.title.strip():
                    if len(article.body.split()) >= 50:
                        if user.role == "admin" or article.status == "review":
                            return None
                        else:
                            return "article must be reviewed first"
                    else:
                        return "body must have at least 50 words"
                else:
                    return "title is required"
            else:
                return "only the author or an editor may publish"
        else:
            return "already published"
    else:
        return "user is suspended"


def can_publish(article: Article, user: User) -> bool:
    if publish_error(article, user) is None:
        if article.tags:
            return True
        else:
            if user.role == "admin":
                return True
            else:
                return False
    else:
        return False
