"""Tokenizing a prompt a message at a time gives the whole prompt's tokens, and tokenizes each
message once."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from smallcode.runtime.tokenizing import PieceTokenizer

END = "<|im_end|>"


class ToyTokenizer:
    """Like llama.cpp: control tokens are cut out first, the text between them is tokenized on its own
    (here: runs of letters, runs of spaces, other characters one by one). ``strips`` makes the
    control token swallow the whitespace after it, as a token with llama.cpp's RSTRIP attribute does."""

    def __init__(self, *, strips: bool = False) -> None:
        self.strips = strips
        self.calls: list[str] = []

    def __call__(self, text: str) -> list[int]:
        self.calls.append(text)
        tokens: list[int] = []
        for i, fragment in enumerate(text.split(END)):
            if i:
                tokens.append(-1)
                if self.strips:
                    fragment = fragment.lstrip()
            tokens.extend(hash(run) % 1000 for run in re.findall(r"[a-z]+| +|.", fragment, re.S))
        return tokens


texts = st.lists(st.sampled_from(["a", "b", " ", "\n", "ab", END]), max_size=30).map("".join)


@given(texts)
def test_pieces_give_the_tokens_of_the_whole(text: str) -> None:
    toy = ToyTokenizer()
    assert PieceTokenizer(toy, END)(text) == toy(text)


def test_a_longer_prompt_tokenizes_only_its_new_messages() -> None:
    toy = ToyTokenizer()
    tokenize = PieceTokenizer(toy, END)
    turn = f"system{END}\nuser read a{END}\nassistant"
    tokenize(turn)
    toy.calls.clear()
    longer = f"system{END}\nuser read a{END}\nassistant call{END}\ntool text{END}\nassistant"
    assert tokenize(longer) == toy(longer)
    assert toy.calls == ["\nassistant call" + END, "\ntool text" + END, longer]  # then the whole, to compare


def test_clear_forgets_the_pieces() -> None:
    toy = ToyTokenizer()
    tokenize = PieceTokenizer(toy, END)
    tokenize(f"a{END}b")
    tokenize.clear()
    toy.calls.clear()
    tokenize(f"a{END}b")
    assert toy.calls == ["a" + END, "b"]


def test_the_most_recent_pieces_are_kept_up_to_a_number_of_tokens() -> None:
    toy = ToyTokenizer()
    tokenize = PieceTokenizer(toy, END, capacity=4)
    tokenize(f"aaa b{END}c{END}")  # 4 tokens, then 2
    assert (len(tokenize), tokenize.held) == (1, 2)
    toy.calls.clear()
    tokenize(f"c{END}")
    assert toy.calls == []  # the most recent piece is still known
    tokenize(f"a b c d e f{END}")  # more than the capacity alone: kept until the next piece
    assert (len(tokenize), tokenize.held) == (1, 12)


def test_a_separator_that_swallows_whitespace_is_not_cut_at() -> None:
    toy = ToyTokenizer(strips=True)
    tokenize = PieceTokenizer(toy, END)
    assert tokenize.separator is None
    text = f"a{END}\n b{END} c"
    assert tokenize(text) == toy(text)


def test_a_separator_that_is_not_one_token_is_not_cut_at() -> None:
    assert PieceTokenizer(ToyTokenizer(), "ab").separator is None
    assert PieceTokenizer(ToyTokenizer(), None).separator is None
