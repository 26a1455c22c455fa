from collections.abc import Callable


class Worker:
    def __init__(self, name: str) -> None:
        self.name = name

    def run(self, job: Callable[[], object]) -> bool:
        print(f"{self.name}: starting")
        try:
            job()
        except Exception as exc:
            print(f"{self.name}: failed: {exc}")
            return False
        print(f"{self.name}: done")
        return True
