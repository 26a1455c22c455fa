"""Hidden check for a test-writing task: the tests the agent wrote must pass on the real module and fail on
every seeded mutant of it. The agent's copy of the module is ignored: the pristine one is used."""

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MODULE = "textutils.py"
TEST_FILE = "test_textutils.py"
MIN_TESTS = 5
KIND = "python"  # python | node | go
EXTRA = ["conftest.py"]  # other workspace files the tests may need
HERE = Path(__file__).resolve().parent
MUTANTS_DIR = HERE / "hidden_mutants"


class _Tally:
    def __init__(self) -> None:
        self.passed = 0

    def pytest_runtest_logreport(self, report) -> None:  # type: ignore[no-untyped-def]
        if report.when == "call" and report.passed:
            self.passed += 1


def _pytest_in_process(work: Path) -> tuple[bool, int, str]:
    import pytest

    for name in [Path(TEST_FILE).stem, Path(MODULE).stem, "conftest"]:
        sys.modules.pop(name, None)
    tally = _Tally()
    buffer = io.StringIO()
    cwd = os.getcwd()
    os.chdir(work)
    try:
        with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
            code = pytest.main(["-q", "-x", "-p", "no:cacheprovider", "--rootdir", str(work), TEST_FILE],
                               plugins=[tally])
    finally:
        os.chdir(cwd)
        sys.path[:] = [p for p in sys.path if p != str(work)]
    return code == 0, tally.passed, buffer.getvalue()


def run_tests(module_source: Path) -> tuple[bool, int, str]:
    """(all passed, number of passing tests, output) with module_source installed as MODULE."""
    with tempfile.TemporaryDirectory(prefix="mut-") as tmp:
        work = Path(tmp)
        shutil.copy(TEST_FILE, work / Path(TEST_FILE).name)
        for extra in EXTRA:
            if Path(extra).exists():
                shutil.copy(extra, work / Path(extra).name)
        shutil.copy(module_source, work / MODULE)
        if KIND == "python":
            return _pytest_in_process(work)
        if KIND == "node":
            cmd = ["node", "--test", "--test-reporter=tap", TEST_FILE]
        else:
            cmd = ["go", "test", "-count=1", "-v", "./..."]
        try:
            proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            return False, 0, "timed out"
        out = proc.stdout + proc.stderr
        if KIND == "node":
            passed = sum(int(n) for n in re.findall(r"^# pass (\d+)", out, flags=re.M))
        else:
            passed = len(re.findall(r"^\s*--- PASS", out, flags=re.M))
        return proc.returncode == 0, passed, out


def main() -> int:
    if not Path(TEST_FILE).exists():
        print(f"FAIL: {TEST_FILE} was not written")
        return 1
    ok, passed, out = run_tests(MUTANTS_DIR / "original.txt")
    if not ok:
        print(f"FAIL: the tests in {TEST_FILE} do not pass on the correct {MODULE}:\n{out[-3000:]}")
        return 1
    if passed < MIN_TESTS:
        print(f"FAIL: only {passed} passing tests; at least {MIN_TESTS} expected")
        return 1
    survivors = []
    for mutant in sorted(MUTANTS_DIR.glob("mutant_*.txt")):
        killed = not run_tests(mutant)[0]
        print(f"{'killed  ' if killed else 'SURVIVED'} {mutant.stem}")
        if not killed:
            survivors.append(mutant.stem)
    if survivors:
        print(f"FAIL: {len(survivors)} mutant(s) survived: {', '.join(survivors)}")
        return 1
    print(f"ok: {passed} tests pass on {MODULE} and every mutant is caught")
    return 0


if __name__ == "__main__":
    sys.exit(main())
