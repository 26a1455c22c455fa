from tally.cli import run


def test_count() -> None:
    assert run("count a b c") == "3"
    assert run("count") == "0"


def test_existing_commands_still_work() -> None:
    assert run("echo hi there") == "hi there"
    assert run("upper hi") == "HI"
    assert run("nope") == "unknown command: nope"
