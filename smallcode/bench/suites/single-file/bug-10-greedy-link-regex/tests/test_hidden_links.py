from links import external_links, extract_links


def test_two_links_on_one_line() -> None:
    html = '<p><a href="a.html" class="x">A</a> <a href="b.html">B</a></p>'
    assert extract_links(html) == ["a.html", "b.html"]


def test_quotes_case_and_attribute_order() -> None:
    html = (
        "<A HREF='/upper'>U</A>\n"
        '<a class="btn" href = "/spaced" id="s">S</a>\n'
        "<a\n  target=\"_blank\"\n  href='/multi-line'>M</a>\n"
        '<a data-href="/not-this" href="/this">T</a>'
    )
    assert extract_links(html) == ["/upper", "/spaced", "/multi-line", "/this"]


def test_only_anchor_tags_and_dedup() -> None:
    html = (
        '<link href="style.css" rel="stylesheet"><base href="/root/">'
        '<a href="/x">1</a><abbr title="a"></abbr><a href="/y">2</a><a href="/x">3</a>'
    )
    assert extract_links(html) == ["/x", "/y"]


def test_no_links() -> None:
    assert extract_links("<p>nothing here</p>") == []
    assert extract_links('<a name="top">anchor without href</a>') == []


def test_external() -> None:
    html = '<a href="https://example.com/a">a</a><a href="https://other.org/b">b</a><a href="/c">c</a>'
    assert external_links(html, "example.com") == ["https://other.org/b"]
