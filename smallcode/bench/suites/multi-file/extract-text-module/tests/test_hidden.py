import ast
from pathlib import Path

from blog.feed import feed
from blog.posts import Post
from blog.text import slugify


def test_slugify_moved() -> None:
    assert slugify("Hello, World!") == "hello-world"
    assert slugify("  Ünïcode & more  ") == "n-code-more"


def test_posts_no_longer_defines_it() -> None:
    tree = ast.parse(Path("blog/posts.py").read_text())
    names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert "slugify" not in names


def test_behaviour() -> None:
    assert feed([Post("Big News!", "")]) == ["Big News! </posts/big-news/>"]
