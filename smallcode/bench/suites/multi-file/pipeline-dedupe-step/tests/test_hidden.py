from textpipe.config import DEFAULT_STEPS, STEPS
from textpipe.dedupe import dedupe
from textpipe.run import run


def test_dedupe() -> None:
    assert dedupe(["b", "a", "b", "c", "a"]) == ["b", "a", "c"]


def test_registered() -> None:
    assert DEFAULT_STEPS == ["strip", "dedupe", "sort"]
    assert STEPS["dedupe"] is dedupe


def test_run() -> None:
    assert run(" pear\napple \npear\n\nApple") == "apple\nApple\npear"
