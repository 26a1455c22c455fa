import pytest

from jobs.scheduler import Scheduler
from jobs.worker import Worker


def boom() -> None:
    raise ValueError("bad input")


def test_logs_go_to_callable(capsys: pytest.CaptureFixture[str]) -> None:
    lines: list[str] = []
    workers = [Worker("w1", log=lines.append), Worker("w2", log=lines.append)]
    failures = Scheduler(workers, log=lines.append).run_all([lambda: 1, boom])
    assert failures == 1
    assert lines == [
        "w1: starting", "w1: done", "w2: starting", "w2: failed: bad input", "finished 2 jobs, 1 failed"
    ]
    assert capsys.readouterr().out == ""


def test_default_prints(capsys: pytest.CaptureFixture[str]) -> None:
    Scheduler([Worker("w")]).run_all([lambda: None])
    assert capsys.readouterr().out.splitlines() == ["w: starting", "w: done", "finished 1 jobs, 0 failed"]
