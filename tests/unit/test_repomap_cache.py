"""RepoMap caching: unchanged files keep their tags, changed ones are re-parsed, a saved cache is reused."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from smallcode.repomap import FileTags, RepoMap
from smallcode.workspace import Workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "repomap"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(DATA / "python", root)
    return root


def touch_later(path: Path) -> None:
    """Make sure the file's mtime differs from the cached one even on coarse-grained filesystems."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 2_000_000_000))


def test_a_second_refresh_parses_nothing(project: Path) -> None:
    index = RepoMap(Workspace(project, history=False))
    first = index.refresh()
    assert (first.files, first.parsed, first.reused) == (7, 7, 0)
    second = index.refresh()
    assert (second.parsed, second.reused, second.removed) == (0, 7, 0)


def test_only_the_changed_file_is_parsed_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = RepoMap(Workspace(project, history=False))
    index.refresh()
    report = project / "shop" / "report.py"
    report.write_text(
        report.read_text() + "\n\ndef weekly_report(orders: list[Order]) -> str:\n    return ''\n"
    )
    touch_later(report)
    read: list[str] = []
    original = RepoMap._read

    def spy(self: RepoMap, path: str, mtime_ns: int, size: int) -> FileTags:
        read.append(path)
        return original(self, path, mtime_ns, size)

    monkeypatch.setattr(RepoMap, "_read", spy)
    stats = index.refresh()
    assert (stats.parsed, stats.reused) == (1, 6)
    assert read == ["shop/report.py"]
    assert [d.path for d in index.definitions("weekly_report")] == ["shop/report.py"]
    assert "def weekly_report(orders: list[Order]) -> str:" in index.render(10_000)


def test_deleted_and_new_files_are_noticed(project: Path) -> None:
    index = RepoMap(Workspace(project, history=False))
    index.refresh()
    (project / "shop" / "cli.py").unlink()
    (project / "shop" / "tax.py").write_text("def vat(amount: float) -> float:\n    return amount * 0.2\n")
    stats = index.refresh()
    assert (stats.parsed, stats.removed) == (1, 1)
    assert index.definitions("main") == []
    assert [d.path for d in index.definitions("vat")] == ["shop/tax.py"]
    assert index.references("apply_discount") == []


def test_a_saved_cache_spares_a_new_process_the_parsing(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "tags.json"
    first = RepoMap(Workspace(project, history=False), cache_path=cache)
    first.refresh()
    first.save()
    assert cache.is_file()
    second = RepoMap(Workspace(project, history=False), cache_path=cache)
    stats = second.refresh()
    assert (stats.parsed, stats.reused) == (0, 7)
    assert second.render(10_000) == first.render(10_000)
    assert second.references("order_total") == first.references("order_total")


@pytest.mark.parametrize("damage", ["not json at all", '{"fingerprint": "old", "files": {}}', '{"files": 3}'])
def test_a_damaged_or_outdated_cache_means_a_full_parse(project: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "tags.json"
    cache.write_text(damage)
    stats = RepoMap(Workspace(project, history=False), cache_path=cache).refresh()
    assert stats.parsed == 7


def test_a_cache_entry_with_the_wrong_shape_is_ignored(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "tags.json"
    index = RepoMap(Workspace(project, history=False), cache_path=cache)
    index.refresh()
    index.save()
    payload = json.loads(cache.read_text())
    payload["files"]["shop/models.py"]["definitions"] = "broken"
    cache.write_text(json.dumps(payload))
    assert RepoMap(Workspace(project, history=False), cache_path=cache).refresh().parsed == 7


def test_many_files_re_map_incrementally(tmp_path: Path) -> None:
    for n in range(120):
        (tmp_path / f"m{n}.py").write_text(f"def f{n}(x):\n    return f{(n + 1) % 120}(x)\n")
    index = RepoMap(Workspace(tmp_path, history=False))
    assert index.refresh().parsed == 120
    changed = tmp_path / "m7.py"
    changed.write_text("def renamed(x):\n    return x\n")
    touch_later(changed)
    stats = index.refresh()
    assert (stats.parsed, stats.reused) == (1, 119)
    assert index.definitions("f7") == [] and len(index.definitions("renamed")) == 1


def test_max_files_bounds_the_listing(tmp_path: Path) -> None:
    for n in range(10):
        (tmp_path / f"m{n}.py").write_text(f"def f{n}():\n    pass\n")
    assert RepoMap(Workspace(tmp_path, history=False), max_files=4).refresh().files == 4
    assert RepoMap(Workspace(tmp_path, history=False)).refresh().files == 10
