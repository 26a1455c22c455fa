"""The README's map of the package names every module and package in it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_map_names_every_module_and_package() -> None:
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"## Where things live\n\n```\n(.*?)```", readme, re.DOTALL)
    assert block is not None
    named = set(re.findall(r"[\w]+(?:\.py|/)", block.group(1)))
    package = ROOT / "smallcode"
    present = {
        path.name + ("/" if path.is_dir() else "")
        for path in package.iterdir()
        if (path.suffix == ".py" and path.name != "__init__.py") or (path / "__init__.py").exists()
    }
    assert present - named == set()
    assert named - present == {"smallcode/"}
