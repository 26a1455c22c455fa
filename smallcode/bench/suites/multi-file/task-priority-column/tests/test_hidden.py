from todo.db import connect
from todo.repo import TaskRepo


def test_priority_order() -> None:
    repo = TaskRepo(connect())
    repo.add("low")
    urgent = repo.add("urgent", priority=5)
    repo.add("medium", priority=2)
    repo.add("also low")
    assert repo.list_open() == ["urgent", "medium", "low", "also low"]
    repo.complete(urgent)
    assert repo.list_open() == ["medium", "low", "also low"]


def test_column_default() -> None:
    conn = connect()
    conn.execute("INSERT INTO tasks (title) VALUES ('x')")
    assert conn.execute("SELECT priority FROM tasks").fetchone() == (0,)
