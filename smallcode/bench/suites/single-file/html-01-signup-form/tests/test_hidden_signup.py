from pathlib import Path

import pytest

from hidden_htmlkit import Node, parse_html


@pytest.fixture(scope="module")
def doc() -> Node:
    root, errors, doctype = parse_html(Path("signup.html").read_text(encoding="utf-8"))
    assert doctype.lower() == "doctype html"
    assert errors == []
    return root


def control(doc: Node, name: str) -> Node:
    found = [n for n in doc.iter() if n.tag in {"input", "select", "textarea"} and n.attrs.get("name") == name]
    assert len(found) == 1, f"expected one control named {name}"
    return found[0]


def label_for(doc: Node, node: Node) -> Node:
    assert node.attrs.get("id"), f"{node.attrs.get('name')} has no id"
    labels = doc.find_all("label", for_=node.attrs["id"])
    assert len(labels) == 1, f"no label for #{node.attrs['id']}"
    return labels[0]


def test_document_head(doc: Node) -> None:
    html = doc.find("html")
    assert html is not None and html.attrs.get("lang") == "en"
    assert any(m.attrs.get("charset", "").lower() == "utf-8" for m in doc.find_all("meta"))
    title = doc.find("title")
    assert title is not None and title.text()


def test_form(doc: Node) -> None:
    forms = doc.find_all("form")
    assert len(forms) == 1
    assert forms[0].attrs.get("action") == "/signup"
    assert forms[0].attrs.get("method", "").lower() == "post"
    assert not doc.find_all("script")


@pytest.mark.parametrize(
    ("name", "attrs"),
    [
        ("name", {"type": "text", "autocomplete": "name"}),
        ("email", {"type": "email", "autocomplete": "email"}),
        ("password", {"type": "password", "minlength": "12", "autocomplete": "new-password"}),
    ],
)
def test_text_fields(doc: Node, name: str, attrs: dict[str, str]) -> None:
    node = control(doc, name)
    assert node.tag == "input"
    assert "required" in node.attrs
    for key, value in attrs.items():
        assert node.attrs.get(key, "").lower() == value
    assert label_for(doc, node).text()
    form = doc.find("form")
    assert form in node.ancestors()


def test_plan_select(doc: Node) -> None:
    select = control(doc, "plan")
    assert select.tag == "select"
    options = select.find_all("option")
    assert [o.attrs.get("value") for o in options] == ["free", "pro", "team"]
    assert ["selected" in o.attrs for o in options] == [False, True, False]
    label_for(doc, select)


def test_terms_checkbox(doc: Node) -> None:
    box = control(doc, "terms")
    assert box.attrs.get("type") == "checkbox"
    assert "required" in box.attrs
    assert label_for(doc, box).text() == "I accept the terms"


def test_submit(doc: Node) -> None:
    buttons = doc.find_all("button")
    assert len(buttons) == 1
    assert buttons[0].attrs.get("type") == "submit"
    assert buttons[0].text() == "Create account"
    assert doc.find("form") in buttons[0].ancestors()
