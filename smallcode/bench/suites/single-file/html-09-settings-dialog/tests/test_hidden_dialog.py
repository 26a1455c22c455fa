import re
from pathlib import Path

import pytest

from hidden_htmlkit import Node, declarations, parse_css, parse_html, style_text


@pytest.fixture(scope="module")
def doc() -> Node:
    root, errors, doctype = parse_html(Path("settings.html").read_text(encoding="utf-8"))
    assert doctype.lower() == "doctype html"
    assert errors == []
    assert root.find("html").attrs.get("lang") == "en"
    return root


def test_open_button(doc: Node) -> None:
    button = doc.find(id="open-settings")
    assert button is not None and button.tag == "button"
    assert button.attrs.get("type") == "button"
    assert button.attrs.get("aria-haspopup") == "dialog"
    assert button.text() == "Settings"
    assert doc.find("dialog") not in button.ancestors()


def test_dialog_structure(doc: Node) -> None:
    dialogs = doc.find_all("dialog")
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.attrs.get("id") == "settings-dialog"
    assert dialog.attrs.get("aria-labelledby") == "settings-title"
    title = doc.find(id="settings-title")
    assert title is not None and title.tag == "h2" and dialog in title.ancestors()
    form = dialog.find("form")
    assert form is not None and form.attrs.get("method") == "dialog"
    select = form.find("select")
    assert select.attrs.get("id") == "theme" and select.attrs.get("name") == "theme"
    assert [o.attrs.get("value") for o in select.find_all("option")] == ["light", "dark", "system"]
    assert doc.find("label", for_="theme") is not None
    box = form.find("input", id="compact")
    assert box is not None and box.attrs.get("type") == "checkbox" and box.attrs.get("name") == "compact"
    assert doc.find("label", for_="compact") is not None
    buttons = {b.attrs.get("value"): b.text() for b in form.find_all("button")}
    assert buttons == {"cancel": "Cancel", "save": "Save"}


def test_script(doc: Node) -> None:
    body = doc.find("body")
    scripts = [s for s in body.find_all("script") if not s.attrs.get("src")]
    assert len(scripts) == 1
    last_element = [c for c in body.children if isinstance(c, Node)][-1]
    assert last_element is scripts[0], "the script goes at the end of the body"
    code = scripts[0].text()
    assert "open-settings" in code and "settings-dialog" in code
    assert re.search(r"addEventListener\(\s*['\"]click['\"]", code)
    assert ".showModal()" in code
    assert re.search(r"addEventListener\(\s*['\"]close['\"]", code) or "onclose" in code
    assert "returnValue" in code and re.search(r"['\"]save['\"]", code)
    assert re.search(r"localStorage\.setItem\(\s*['\"]theme['\"]", code)


def test_styles(doc: Node) -> None:
    assert doc.find("head").find("style") is not None
    rules = parse_css(style_text(doc))
    backdrop = declarations(rules, "dialog::backdrop")
    background = backdrop.get("background") or backdrop.get("background-color") or ""
    assert re.search(r"rgba\(|hsla\(|/\s*0?\.\d|#[0-9a-fA-F]{8}\b|transparent", background), background
    assert declarations(rules, "dialog").get("border-radius")
