from blog.posts import Post


def feed(posts: list[Post]) -> list[str]:
    return [f"{p.title} <{p.url()}>" for p in posts]
