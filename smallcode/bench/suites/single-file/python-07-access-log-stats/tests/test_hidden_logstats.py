from logstats import analyze


def line(path: str, status: int, size: str = "100", method: str = "GET") -> str:
    return f'10.0.0.1 - - [12/Mar/2024:10:15:32 +0000] "{method} {path} HTTP/1.1" {status} {size} "-" "curl/8.0"\n'


LOG = [
    line("/api/items?page=2", 200, "512"),
    line("/api/items", 200, "300"),
    line("/login", 302, "-", method="POST"),
    "garbage line\n",
    "\n",
    line("/api/items?page=3", 500, "20"),
    line("/health", 200, "2"),
    line("/login", 200, "1000"),
    '10.0.0.2 - - [12/Mar/2024:10:15:33 +0000] "GET /x HTTP/1.1" abc 5 "-" "curl"\n',
]


def test_counts() -> None:
    result = analyze(LOG)
    assert result["requests"] == 6
    assert result["malformed"] == 2
    assert result["status"] == {200: 4, 302: 1, 500: 1}
    assert result["bytes"] == 512 + 300 + 20 + 2 + 1000


def test_top_paths_strip_query_and_tie_break() -> None:
    assert analyze(LOG)["top_paths"] == [("/api/items", 3), ("/login", 2), ("/health", 1)]
    assert analyze(LOG, top=1)["top_paths"] == [("/api/items", 3)]


def test_error_rate() -> None:
    assert analyze(LOG)["error_rate"] == 0.167
    assert analyze([line("/", 503), line("/", 200)])["error_rate"] == 0.5


def test_empty() -> None:
    result = analyze(["", "\n"])
    assert result == {"requests": 0, "malformed": 0, "status": {}, "top_paths": [], "bytes": 0, "error_rate": 0.0}


def test_accepts_generator() -> None:
    assert analyze(iter(LOG))["requests"] == 6
