import ast
import itertools
from pathlib import Path

from publishing import Article, User, can_publish, publish_error


def cases():  # type: ignore[no-untyped-def]
    users = [User("ann"), User("bob", role="editor"), User("root", role="admin"), User("ann", suspended=True),
             User("eve")]
    long_body = " ".join(["word"] * 50)
    short_body = " ".join(["word"] * 49)
    for user, status, title, body, tags in itertools.product(
        users, ["draft", "review", "published"], ["Hello", "  "], [long_body, short_body], [[], ["news"]]
    ):
        yield user, Article(title=title, body=body, author="ann", status=status, tags=list(tags))


def reference_error(article: Article, user: User) -> str | None:
    if user.suspended:
        return "user is suspended"
    if article.status == "published":
        return "already published"
    if not (user.role in ("editor", "admin") or user.name == article.author):
        return "only the author or an editor may publish"
    if not article.title.strip():
        return "title is required"
    if len(article.body.split()) < 50:
        return "body must have at least 50 words"
    if not (user.role == "admin" or article.status == "review"):
        return "article must be reviewed first"
    return None


def test_behaviour_unchanged() -> None:
    seen = set()
    for user, article in cases():
        expected = reference_error(article, user)
        assert publish_error(article, user) == expected, (user, article)
        assert can_publish(article, user) == (expected is None and (bool(article.tags) or user.role == "admin"))
        seen.add(expected)
    assert len(seen) == 7


def _functions() -> dict[str, ast.FunctionDef]:
    tree = ast.parse(Path("publishing.py").read_text())
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def _nested_if(node: ast.AST, inside_if: bool = False) -> bool:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If):
            if inside_if:
                return True
            if _nested_if(child, True):
                return True
        elif _nested_if(child, inside_if):
            return True
    return False


def test_flat_structure() -> None:
    funcs = _functions()
    for name in ("publish_error", "can_publish"):
        func = funcs[name]
        assert not _nested_if(func), f"{name} still nests if statements"
        for node in ast.walk(func):
            if isinstance(node, ast.If):
                assert not node.orelse, f"{name} still uses else/elif"
