from collections.abc import Callable

from jobs.worker import Log, Worker


class Scheduler:
    def __init__(self, workers: list[Worker], log: Log = print) -> None:
        self.workers = workers
        self.log = log

    def run_all(self, jobs: list[Callable[[], object]]) -> int:
        failures = 0
        for index, job in enumerate(jobs):
            worker = self.workers[index % len(self.workers)]
            if not worker.run(job):
                failures += 1
        self.log(f"finished {len(jobs)} jobs, {failures} failed")
        return failures
