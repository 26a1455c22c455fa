from pathlib import Path

import pytest

from hidden_htmlkit import Node, parse_html

TEXTS = ["Field Notes", "Home", "Archive", "About", "Watching swifts over the river", "Posted on",
         "March 3, 2024", "by Mira", "The first swifts arrived early this year, skimming the water at dusk.",
         "I counted forty-two before the light faded.", "Lovely description! — Jo",
         "We saw them too, near the bridge. — Sam", "Recent posts", "Winter robins", "© 2024 Field Notes", "RSS"]
LINKS = ["/", "/archive", "/about", "/posts/winter-robins", "/rss"]


@pytest.fixture(scope="module")
def doc() -> Node:
    root, errors, _ = parse_html(Path("blog.html").read_text(encoding="utf-8"))
    assert errors == []
    return root


def one(doc: Node, tag: str) -> Node:
    found = doc.find_all(tag)
    assert len(found) == 1, f"expected exactly one <{tag}>, found {len(found)}"
    return found[0]


def test_landmarks(doc: Node) -> None:
    header, main, aside, footer = (one(doc, t) for t in ("header", "main", "aside", "footer"))
    nav = one(doc, "nav")
    assert header in nav.ancestors()
    assert nav.attrs.get("aria-label") == "Main"
    assert [a.attrs.get("href") for a in nav.find_all("a")] == ["/", "/archive", "/about"]
    assert one(doc, "h1") in [n for n in header.iter()]
    assert main not in aside.ancestors() and aside not in main.ancestors()
    assert footer.find("a").attrs.get("href") == "/rss"


def test_article(doc: Node) -> None:
    article = one(doc, "article")
    assert one(doc, "main") in article.ancestors()
    h2 = article.find("h2")
    assert h2 is not None and h2.text() == "Watching swifts over the river"
    time = article.find("time")
    assert time is not None and time.attrs.get("datetime") == "2024-03-03" and time.text() == "March 3, 2024"
    comments = article.find_all("div", class_="comment")
    assert len(comments) == 2


def test_divs_and_old_classes_gone(doc: Node) -> None:
    divs = doc.find_all("div")
    assert len(divs) == 2 and all("comment" in d.classes() for d in divs)
    banned = {"top", "menu", "content", "post", "sidebar", "bottom"}
    for node in doc.iter():
        assert not (node.classes() & banned), f"<{node.tag} class={node.attrs.get('class')}>"


def test_text_and_links_kept(doc: Node) -> None:
    text = doc.find("body").text()
    for phrase in TEXTS:
        assert phrase in text, phrase
    assert sorted(a.attrs.get("href") for a in doc.find_all("a")) == sorted(LINKS)


def test_head_kept(doc: Node) -> None:
    head = doc.find("head")
    assert head.find("title").text() == "Field Notes"
    assert head.find("link").attrs.get("href") == "blog.css"
