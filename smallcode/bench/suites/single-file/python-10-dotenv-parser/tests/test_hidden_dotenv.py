import pytest

from dotenv import parse_dotenv


def test_basic_and_whitespace() -> None:
    text = "A=1\n  B = two words  \n\n# comment\nexport C=3\nEMPTY=\n"
    assert parse_dotenv(text) == {"A": "1", "B": "two words", "C": "3", "EMPTY": ""}


def test_inline_comment_only_for_unquoted() -> None:
    text = 'PORT=8080 # the port\nCOLOR="#ff0000" # red\nHASH=a#b\n'
    assert parse_dotenv(text) == {"PORT": "8080", "COLOR": "#ff0000", "HASH": "a#b"}


def test_quotes_and_escapes() -> None:
    text = "RAW='a\\nb ${X}'\nDQ=\"line1\\nline2\\t\\\"q\\\" \\\\ end\"\n"
    env = parse_dotenv(text)
    assert env["RAW"] == "a\\nb ${X}"
    assert env["DQ"] == 'line1\nline2\t"q" \\ end'


def test_interpolation() -> None:
    text = 'HOST=db.local\nPORT=5432\nURL=postgres://${HOST}:${PORT}/app\nQ="${HOST}!"\nNONE=${LATER}x\nLATER=1\n'
    env = parse_dotenv(text)
    assert env["URL"] == "postgres://db.local:5432/app"
    assert env["Q"] == "db.local!"
    assert env["NONE"] == "x"


def test_last_definition_wins() -> None:
    assert parse_dotenv("A=1\nA=2\n") == {"A": "2"}


@pytest.mark.parametrize(("text", "line"), [("A=1\nOOPS\n", 2), ("A=1\n\n# c\n1BAD=3\n", 4),
                                            ("BAD-KEY=1", 1)])
def test_errors_report_line(text: str, line: int) -> None:
    with pytest.raises(ValueError, match=f"line {line}"):
        parse_dotenv(text)
