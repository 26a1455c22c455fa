"""Properties of LenientParser over generated text (``smallcode bench parser`` runs >= 100k of these)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smallcode import LenientParser, ParseResult
from smallcode.bench.parser import FUZZ_TOKENS, WRAPPERS, WRITE_FILE, load_tools, wrapper_accepts

PARSER = LenientParser(load_tools())
BARE = LenientParser()
FEW = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
soup = st.lists(st.one_of(st.sampled_from(FUZZ_TOKENS), st.text(max_size=6)), max_size=50).map("".join)


def well_formed(result: ParseResult, text: str) -> None:
    assert isinstance(result, ParseResult) and isinstance(result.text, str)
    assert len(result.origins) == len(result.calls)
    for call, origin in zip(result.calls, result.origins, strict=True):
        assert isinstance(call.name, str) and isinstance(call.arguments, dict)
        assert 0 <= origin.start < origin.end <= len(text)
    assert all(issue.message for issue in result.issues)


@FEW
@given(st.text(max_size=500))
def test_arbitrary_text_parses_without_raising(text: str) -> None:
    well_formed(PARSER._parse(text), text)
    well_formed(BARE._parse(text), text)


@FEW
@given(soup)
def test_token_soup_parses_without_raising(text: str) -> None:
    well_formed(PARSER._parse(text), text)
    well_formed(BARE._parse(text), text)


@FEW
@given(
    st.sampled_from(sorted(WRAPPERS)), st.text(max_size=60), st.integers(0, 400), st.sampled_from(FUZZ_TOKENS)
)
def test_damaged_calls_parse_without_raising(name: str, content: str, cut: int, token: str) -> None:
    text = WRAPPERS[name]({"path": "a.py", "content": content})
    damaged = text[:cut] + token + text[cut + 3 :]
    well_formed(PARSER._parse(damaged), damaged)


@FEW
@given(st.text(alphabet=st.characters(exclude_characters="{}[]()<>:`\"'=#\n\\"), max_size=300))
def test_prose_without_structure_holds_no_call(text: str) -> None:
    result = LenientParser(load_tools(), intent=False).parse(text)
    assert result == ParseResult(text=text.strip())


@pytest.mark.parametrize("wrapper", sorted(WRAPPERS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.text(max_size=200))
def test_payload_round_trips_byte_exactly(wrapper: str, content: str) -> None:
    if not wrapper_accepts(wrapper, content):
        content += "\n"
    if not wrapper_accepts(wrapper, content):
        return
    arguments: dict[str, object] = {"path": "src/a.py", "content": content}
    result = PARSER._parse(WRAPPERS[wrapper](arguments))
    assert [(c.name, c.arguments) for c in result.calls] == [(WRITE_FILE, arguments)]
    assert not result.issues


@pytest.mark.parametrize("wrapper", sorted(WRAPPERS))
def test_code_payloads_round_trip_through_every_wrapper(wrapper: str) -> None:
    for content in (
        'def f(s):\n    """Doc."""\n    return s.replace("\\\\", "/") + f"{s!r}"\n',
        "```python\nprint('nested fence')\n```\n",
        '{"json": ["inside", "a", "file"]}\n',
        '</tool_call> and </parameter>-free C: int main() { puts("\\"hi\\""); }\n',
    ):
        if not wrapper_accepts(wrapper, content):
            continue
        arguments: dict[str, object] = {"path": "x", "content": content}
        result = PARSER.parse(WRAPPERS[wrapper](arguments))
        assert [(c.name, c.arguments) for c in result.calls] == [(WRITE_FILE, arguments)], content
