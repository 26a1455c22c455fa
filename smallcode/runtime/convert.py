"""Re-storing a GGUF's weights in another type with llama.cpp's own quantizer."""

from __future__ import annotations

import ctypes
import logging
import os
import tempfile
from pathlib import Path
from typing import Literal, TypeAlias

from ..errors import ModelLoadError
from .gguf import read_gguf

WeightType: TypeAlias = Literal["f32", "f16"]

FILE_TYPES: dict[WeightType, int] = {"f32": 0, "f16": 1}
"""llama.cpp's ``general.file_type`` (``LLAMA_FTYPE_*``) of a GGUF whose weights are all of a type."""


def convert_weights(source: Path | str, weights: WeightType, *, directory: Path | str | None = None) -> Path:
    """A copy of the GGUF at ``source`` with its weight matrices stored as ``weights``, written once
    as ``<stem>.<weights>.gguf`` in ``directory`` (default: next to ``source``) and reused while it
    is newer than ``source``.

    Quantized weights are expanded, not recovered: the copy computes what ``source`` computes, but
    every token reads several times the bytes. That makes a target whose tokens cost several draft
    tokens, where a draft model can pay on a CPU (``smallcode bench runtime --only draft-f16``).
    Raises ``ModelLoadError`` for a source that is not a complete GGUF or that llama.cpp refuses, and
    where the copy cannot be written; no partial file is left."""
    if weights not in FILE_TYPES:
        raise ValueError(f"weights must be one of {sorted(FILE_TYPES)}, not {weights!r}")
    source = Path(source)
    read_gguf(source)
    folder = Path(directory) if directory is not None else source.parent
    target = folder / f"{source.stem}.{weights}.gguf"
    if _is_current(target, source, FILE_TYPES[weights]):
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, scratch = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".partial")
    except OSError as exc:
        raise ModelLoadError(source, f"cannot write its copy in {folder}: {exc.strerror or exc}") from exc
    os.close(fd)
    try:
        _quantize(source, Path(scratch), FILE_TYPES[weights], weights)
        os.replace(scratch, target)
    finally:
        Path(scratch).unlink(missing_ok=True)
    return target


def _is_current(target: Path, source: Path, file_type: int) -> bool:
    if not target.is_file() or target.stat().st_mtime < source.stat().st_mtime:
        return False
    try:
        return read_gguf(target).get_int("general.file_type") == file_type
    except ModelLoadError:
        return False


def _quantize(source: Path, destination: Path, file_type: int, weights: str) -> None:
    from llama_cpp import llama_cpp as C

    params = C.llama_model_quantize_default_params()
    params.nthread = os.cpu_count() or 1
    params.ftype = file_type
    params.allow_requantize = True
    # llama.cpp reports every tensor it writes; keep its errors only
    log = logging.getLogger("llama-cpp-python")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        failed = C.llama_model_quantize(str(source).encode(), str(destination).encode(), ctypes.byref(params))
    finally:
        log.setLevel(level)
    if failed:
        raise ModelLoadError(source, f"llama.cpp could not store its weights as {weights}")
