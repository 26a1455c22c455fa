from dataclasses import dataclass

import pytest

from templating import TemplateError, render


@dataclass
class User:
    name: str
    email: str


def test_plain_and_spacing() -> None:
    assert render("Hi {{name}}, {{ name }}!", {"name": "Ann"}) == "Hi Ann, Ann!"
    assert render("no placeholders", {}) == "no placeholders"


def test_str_conversion() -> None:
    assert render("{{ n }} items, ok={{ flag }}", {"n": 3, "flag": True}) == "3 items, ok=True"


def test_dotted_dict_and_attribute() -> None:
    ctx = {"order": {"id": 17, "customer": User("bob", "b@example.com")}}
    assert render("#{{ order.id }} for {{ order.customer.email }}", ctx) == "#17 for b@example.com"


def test_filters_chain_left_to_right() -> None:
    ctx = {"name": "  aDa lovelace "}
    assert render("{{ name|strip|upper }}", ctx) == "ADA LOVELACE"
    assert render("{{ name | strip | lower | title }}", ctx) == "Ada Lovelace"


def test_default_filter() -> None:
    assert render("Hi {{ nickname|default:friend }}", {}) == "Hi friend"
    assert render("Hi {{ nickname|default:friend }}", {"nickname": None}) == "Hi friend"
    assert render("Hi {{ nickname|default:friend }}", {"nickname": "Bo"}) == "Hi Bo"
    assert render("Hi {{ user.nick|default:pal|upper }}", {"user": {}}) == "Hi PAL"


def test_escape() -> None:
    assert render("use {{{{ name }} for {{ what }}", {"what": "vars"}) == "use {{ name }} for vars"


def test_missing_variable_names_full_path() -> None:
    with pytest.raises(TemplateError, match=r"user\.address\.city"):
        render("{{ user.address.city }}", {"user": {"address": {}}})
    with pytest.raises(TemplateError, match="missing"):
        render("{{ missing|upper }}", {})


def test_unknown_filter() -> None:
    with pytest.raises(TemplateError, match="reverse"):
        render("{{ name|reverse }}", {"name": "x"})
