import re
from pathlib import Path

import pytest

from hidden_htmlkit import Rule, declarations, parse_css

LIGHT = {"--bg": "#ffffff", "--fg": "#1f2937", "--muted": "#6b7280", "--link": "#2563eb"}
DARK = {"--bg": "#0f172a", "--fg": "#e2e8f0", "--muted": "#94a3b8", "--link": "#93c5fd"}


@pytest.fixture(scope="module")
def rules() -> list[Rule]:
    return parse_css(Path("theme.css").read_text(encoding="utf-8"))


def lower(d: dict[str, str]) -> dict[str, str]:
    return {k: v.lower() for k, v in d.items()}


def test_light_values_kept(rules: list[Rule]) -> None:
    d = lower(declarations(rules, ":root"))
    assert {k: d.get(k) for k in LIGHT} == LIGHT


def test_dark_media(rules: list[Rule]) -> None:
    d = lower(declarations(rules, ":root", media_contains="prefers-color-scheme:dark"))
    assert {k: d.get(k) for k in DARK} == DARK


def test_dark_attribute(rules: list[Rule]) -> None:
    d = lower(declarations(rules, ':root[data-theme="dark"]'))
    assert {k: d.get(k) for k in DARK} == DARK


def test_rules_use_variables(rules: list[Rule]) -> None:
    theme_selectors = {":root", ':root[data-theme="dark"]'}
    for rule in rules:
        if rule.selector in theme_selectors:
            continue
        for prop, value in rule.decls.items():
            assert not re.search(r"#[0-9a-fA-F]{3,8}\b", value), f"{rule.selector} {prop}: {value}"
    expected = {
        ("body", "background"): "var(--bg)",
        ("body", "color"): "var(--fg)",
        ("a", "color"): "var(--link)",
        (".caption", "color"): "var(--muted)",
        ("small", "color"): "var(--muted)",
    }
    for (selector, prop), value in expected.items():
        d = declarations(rules, selector)
        got = d.get(prop) or (d.get("background-color") if prop == "background" else None)
        assert got is not None and got.replace(" ", "") == value, (selector, prop, got)
    assert "var(--muted)" in declarations(rules, "hr").get("border-top", "").replace(" ", "")
    assert declarations(rules, "body").get("line-height") == "1.5"
