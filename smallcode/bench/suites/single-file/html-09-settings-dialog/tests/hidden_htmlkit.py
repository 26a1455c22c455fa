"""Helpers for the hidden checks: a small DOM from html.parser and a small CSS rule reader."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# elements whose end tag may be omitted in valid HTML
OPTIONAL_END = {"p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "tfoot", "html", "head", "body"}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text())
        return " ".join(" ".join(parts).split())

    def iter(self):  # type: ignore[no-untyped-def]
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        out = []
        for node in self.iter():
            if tag is not None and node.tag != tag:
                continue
            if all(_attr_match(node, k.rstrip("_").replace("_", "-"), v) for k, v in attrs.items()):
                out.append(node)
        return out

    def find(self, tag: str | None = None, **attrs: str) -> Node | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def ancestors(self) -> list[Node]:
        out = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out


def _attr_match(node: Node, key: str, value: str) -> bool:
    if key == "class":
        return value in node.classes()
    return node.attrs.get(key) == value


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]
        self.errors: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        open_tags = [n.tag for n in self.stack]
        if tag not in open_tags:
            self.errors.append(f"stray </{tag}>")
            return
        while self.stack[-1].tag != tag:
            closed = self.stack.pop()
            if closed.tag not in OPTIONAL_END:
                self.errors.append(f"<{closed.tag}> closed implicitly by </{tag}>")
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> tuple[Node, list[str], str]:
    """The document node, structural errors (unclosed / mis-nested tags), and the doctype declaration."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    for node in builder.stack[1:]:
        if node.tag not in OPTIONAL_END:
            builder.errors.append(f"<{node.tag}> never closed")
    return builder.root, builder.errors, builder.doctype


@dataclass
class Rule:
    selector: str
    decls: dict[str, str]
    media: str | None


def _norm_selector(selector: str) -> str:
    selector = " ".join(selector.split())
    selector = re.sub(r"\s*([>+~,])\s*", r"\1", selector)
    return selector.replace("'", '"')


def _decls(body: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in body.split(";"):
        if ":" in part:
            key, value = part.split(":", 1)
            out[key.strip().lower()] = " ".join(value.strip().split()).replace(" !important", "")
    return out


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs, with nested braces kept inside body."""
    out = []
    depth = 0
    start = 0
    prelude = ""
    for i, ch in enumerate(css):
        if ch == "{":
            if depth == 0:
                prelude = css[start:i].strip()
                start = i + 1
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                out.append((prelude, css[start:i]))
                start = i + 1
    return out


def parse_css(css: str) -> list[Rule]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    rules: list[Rule] = []
    for prelude, body in _blocks(css):
        if prelude.lower().startswith("@media"):
            media = " ".join(prelude[len("@media"):].split()).lower()
            for inner_prelude, inner_body in _blocks(body):
                for sel in inner_prelude.split(","):
                    rules.append(Rule(_norm_selector(sel), _decls(inner_body), media))
        elif prelude.startswith("@"):
            continue
        else:
            for sel in prelude.split(","):
                rules.append(Rule(_norm_selector(sel), _decls(body), None))
    return rules


def declarations(rules: list[Rule], selector: str, media_contains: str | None = None) -> dict[str, str]:
    """Merged declarations for one selector (outside media queries, or inside one whose text contains
    every space-free fragment of ``media_contains``)."""
    wanted = _norm_selector(selector)
    merged: dict[str, str] = {}
    for rule in rules:
        if rule.selector != wanted:
            continue
        if media_contains is None:
            if rule.media is not None:
                continue
        else:
            if rule.media is None:
                continue
            compact = rule.media.replace(" ", "")
            if not all(piece in compact for piece in media_contains.replace(" ", "").lower().split("&")):
                continue
        merged.update(rule.decls)
    return merged


def style_text(doc: Node) -> str:
    return "\n".join(node.text() for node in doc.find_all("style"))
