from __future__ import annotations

import pytest

from smallcode.runtime.local import looping


@pytest.mark.parametrize(
    ("text", "loops"),
    [
        ("x = 1\n" * 6, True),
        ("x = 1\n" * 5 + "x = ", False),  # the sixth line is not complete yet
        ("def f():\n" + "    with raises(E):\n        f(1)\n" * 6, True),  # a block of two lines
        ("a\nb\nc\n" * 6, True),
        ("a\nb\nc\nd\n" * 6, False),  # blocks longer than three lines are not looked for
        ("\n" * 20, False),  # blank lines are no loop
        ("x = 1\n" * 5 + "x = 2\n", False),
        ("def f():\n" * 40 + "x = 1\n" * 6, True),  # a long reply: only its end is looked at
        ("a\nb\n" * 30 + "c\n", False),  # a loop that ended
        ("[0, 0, 0],\n" * 5, False),  # a grid's equal rows, fewer than the copies asked for
    ],
)
def test_a_reply_loops_when_it_ends_in_copies_of_one_block_of_lines(text: str, loops: bool) -> None:
    assert looping(text, 6) is loops
