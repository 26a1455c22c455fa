from collections import Counter
from pathlib import Path

import pytest

from hidden_htmlkit import Node, parse_html

SOURCE = Path("team.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed() -> tuple[Node, list[str]]:
    root, errors, _ = parse_html(SOURCE)
    return root, errors


def test_well_formed(parsed: tuple[Node, list[str]]) -> None:
    _, errors = parsed
    assert errors == []


def test_people_structure(parsed: tuple[Node, list[str]]) -> None:
    doc, _ = parsed
    people = doc.find("section", class_="people")
    persons = people.find_all("div", class_="person")
    assert len(persons) == 3
    for person in persons:
        assert person.parent is people, "each .person sits directly in the section"
        assert len(person.find_all("img")) == 1 and len(person.find_all("h2")) == 1
    strong = persons[0].find("strong")
    assert strong is not None and strong.find("em") is not None
    assert strong.text() == "Lead engineer, backend"
    assert len(doc.find_all("section")) == 2


def test_unique_ids(parsed: tuple[Node, list[str]]) -> None:
    doc, _ = parsed
    ids = Counter(n.attrs["id"] for n in doc.iter() if "id" in n.attrs)
    assert all(count == 1 for count in ids.values()), ids
    assert doc.find("h1").attrs.get("id") == "title"
    heading = doc.find(id="contact-form-title")
    assert heading is not None and heading.tag == "h2" and heading.text() == "Join our newsletter"
    section = heading.parent
    assert section.tag == "section" and section.attrs.get("aria-labelledby") == "contact-form-title"


def test_alt_texts(parsed: tuple[Node, list[str]]) -> None:
    doc, _ = parsed
    alts = [img.attrs.get("alt", "").strip() for img in doc.find_all("img")]
    assert len(alts) == 3
    for alt, name in zip(alts, ["Ana", "Li", "Sam"]):
        assert name in alt


def test_label_and_link(parsed: tuple[Node, list[str]]) -> None:
    doc, _ = parsed
    label = doc.find("label")
    target = doc.find(id=label.attrs.get("for", ""))
    assert target is not None and target.tag == "input" and target.attrs.get("type") == "email"
    assert target.attrs.get("name") == "email"
    link = doc.find("a", class_="more")
    assert link.attrs.get("href") == "/team" and link.text() == "Read more"


def test_text_kept(parsed: tuple[Node, list[str]]) -> None:
    doc, _ = parsed
    text = doc.text()
    for phrase in ["Meet the team", "Ana Pereira", "Li Wei", "Designer", "Sam Okafor", "Support",
                   "Join our newsletter", "E-mail address", "Subscribe"]:
        assert phrase in text
