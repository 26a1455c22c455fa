import sqlite3


class TaskRepo:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, title: str) -> int:
        cursor = self.conn.execute("INSERT INTO tasks (title) VALUES (?)", (title,))
        return int(cursor.lastrowid or 0)

    def complete(self, task_id: int) -> None:
        self.conn.execute("UPDATE tasks SET done = 1 WHERE id = ?", (task_id,))

    def list_open(self) -> list[str]:
        rows = self.conn.execute("SELECT title FROM tasks WHERE done = 0 ORDER BY id")
        return [title for (title,) in rows]
