from collections.abc import Callable

from jobs.worker import Worker


class Scheduler:
    def __init__(self, workers: list[Worker]) -> None:
        self.workers = workers

    def run_all(self, jobs: list[Callable[[], object]]) -> int:
        failures = 0
        for index, job in enumerate(jobs):
            worker = self.workers[index % len(self.workers)]
            if not worker.run(job):
                failures += 1
        print(f"finished {len(jobs)} jobs, {failures} failed")
        return failures
