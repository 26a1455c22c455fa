from collections.abc import Callable

Log = Callable[[str], object]


class Worker:
    def __init__(self, name: str, log: Log = print) -> None:
        self.name = name
        self.log = log

    def run(self, job: Callable[[], object]) -> bool:
        self.log(f"{self.name}: starting")
        try:
            job()
        except Exception as exc:
            self.log(f"{self.name}: failed: {exc}")
            return False
        self.log(f"{self.name}: done")
        return True
