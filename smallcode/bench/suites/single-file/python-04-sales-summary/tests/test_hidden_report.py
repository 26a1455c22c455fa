from pathlib import Path

from report import summarize_sales

HEADER = "date,region,product,quantity,unit_price\n"


def write(tmp_path: Path, body: str) -> str:
    path = tmp_path / "s.csv"
    path.write_text(HEADER + body)
    return str(path)


def test_example_file() -> None:
    result = summarize_sales("sales.csv")
    assert result["North"] == {"revenue": 27.5, "units": 5, "top_product": "Gadget"}
    assert result["South"] == {"revenue": 35.0, "units": 11, "top_product": "Widget"}
    assert result["_skipped"] == 0
    assert set(result) == {"North", "South", "_skipped"}


def test_skips_blank_and_bad_rows(tmp_path: Path) -> None:
    body = (
        "2024-01-01,East,Bolt,4,0.10\n"
        "\n"
        "2024-01-01,East,Nut,x,0.10\n"
        "2024-01-02,East,Nut,3,\n"
        "2024-01-02,East,Nut,3,0.30\n"
    )
    result = summarize_sales(write(tmp_path, body))
    assert result["_skipped"] == 2
    assert result["East"] == {"revenue": 1.3, "units": 7, "top_product": "Nut"}


def test_tie_breaks_alphabetically(tmp_path: Path) -> None:
    body = "d,West,Zeta,1,5\nd,West,Alpha,5,1\nd,West,Mid,2,2\n"
    assert summarize_sales(write(tmp_path, body))["West"]["top_product"] == "Alpha"


def test_rounding(tmp_path: Path) -> None:
    body = "d,A,P,3,0.1\nd,A,Q,1,0.2\n"
    assert summarize_sales(write(tmp_path, body))["A"]["revenue"] == 0.5


def test_empty_file(tmp_path: Path) -> None:
    assert summarize_sales(write(tmp_path, "")) == {"_skipped": 0}
