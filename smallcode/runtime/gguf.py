"""A small, strict GGUF header reader: checks a file before llama.cpp ever touches it.

llama.cpp reports bad files only through its log, and some damage (a file cut short inside the
tensor data) is not caught before mapping. Reading the header here lets every bad file become a
``ModelLoadError`` that names the path and the reason.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import ModelLoadError

_MAGIC = b"GGUF"
_MAX_STRING = 1 << 26  # 64 MiB: larger "strings" mean a corrupt header, not a real one
_MAX_COUNT = 1 << 32

# value type id -> struct format of a scalar (8 = string, 9 = array are handled apart)
_SCALARS: dict[int, str] = {
    0: "B",
    1: "b",
    2: "H",
    3: "h",
    4: "I",
    5: "i",
    6: "f",
    7: "?",
    10: "Q",
    11: "q",
    12: "d",
}

# ggml tensor type id -> (elements per block, bytes per block)
_TENSOR_BLOCKS: dict[int, tuple[int, int]] = {
    0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 6: (32, 22), 7: (32, 24), 8: (32, 34), 9: (32, 36),
    10: (256, 84), 11: (256, 110), 12: (256, 144), 13: (256, 176), 14: (256, 210), 15: (256, 292),
    16: (256, 66), 17: (256, 74), 18: (256, 98), 19: (256, 50), 20: (32, 18), 21: (256, 110),
    22: (256, 82), 23: (256, 136), 24: (1, 1), 25: (1, 2), 26: (1, 4), 27: (1, 8), 28: (1, 8),
    29: (256, 56), 30: (1, 2), 34: (256, 54), 35: (256, 66), 39: (32, 17),
}  # fmt: skip


@dataclass(frozen=True)
class GGUFInfo:
    path: Path
    version: int
    tensor_count: int
    metadata: dict[str, object] = field(repr=False)
    data_end: int | None
    """Byte offset where the last tensor ends, when every tensor type is known."""

    def get_str(self, key: str) -> str | None:
        value = self.metadata.get(key)
        return value if isinstance(value, str) else None

    def get_int(self, key: str) -> int | None:
        value = self.metadata.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def architecture(self) -> str | None:
        return self.get_str("general.architecture")

    @property
    def context_length(self) -> int | None:
        arch = self.architecture
        return self.get_int(f"{arch}.context_length") if arch else None

    @property
    def chat_template(self) -> str | None:
        return self.get_str("tokenizer.chat_template")

    @property
    def vocab_size(self) -> int | None:
        tokens = self.metadata.get("tokenizer.ggml.tokens")
        return tokens if isinstance(tokens, int) else None


class _Reader:
    def __init__(self, fh: BinaryIO, path: Path) -> None:
        self.fh = fh
        self.path = path

    def fail(self, reason: str) -> ModelLoadError:
        return ModelLoadError(self.path, reason)

    def read(self, n: int) -> bytes:
        data = self.fh.read(n)
        if len(data) != n:
            raise self.fail("file is truncated inside the GGUF header")
        return data

    def scalar(self, fmt: str) -> int | float | bool:
        value: int | float | bool = struct.unpack("<" + fmt, self.read(struct.calcsize(fmt)))[0]
        return value

    def u32(self) -> int:
        return int(self.scalar("I"))

    def u64(self) -> int:
        return int(self.scalar("Q"))

    def string(self) -> str:
        length = self.u64()
        if length > _MAX_STRING:
            raise self.fail(f"corrupt GGUF header (string of {length} bytes)")
        return self.read(length).decode("utf-8", errors="replace")

    def value(self, kind: int, key: str) -> object:
        if kind in _SCALARS:
            return self.scalar(_SCALARS[kind])
        if kind == 8:
            return self.string()
        if kind == 9:
            item_kind, count = self.u32(), self.u64()
            if count > _MAX_COUNT:
                raise self.fail(f"corrupt GGUF header (array {key!r} of {count} items)")
            if item_kind in _SCALARS:
                size = struct.calcsize(_SCALARS[item_kind])
                self.fh.seek(size * count, 1)  # large arrays are skipped; their length is kept
                return count
            if item_kind == 8:
                for _ in range(count):
                    self.fh.seek(self.u64(), 1)
                return count
            for _ in range(count):
                self.value(item_kind, key)
            return count
        raise self.fail(f"corrupt GGUF header (unknown value type {kind} for {key!r})")


def read_gguf(path: Path | str) -> GGUFInfo:
    """Validate ``path`` as a complete GGUF file and return its metadata, or raise ``ModelLoadError``."""
    path = Path(path)
    if not path.exists():
        raise ModelLoadError(path, "file does not exist")
    if not path.is_file():
        raise ModelLoadError(path, "not a regular file")
    size = path.stat().st_size
    try:
        with path.open("rb") as fh:
            reader = _Reader(fh, path)
            if fh.read(4) != _MAGIC:
                raise reader.fail("not a GGUF file (bad magic bytes)")
            version = reader.u32()
            if version not in (2, 3):
                raise reader.fail(f"unsupported GGUF version {version}")
            tensor_count, kv_count = reader.u64(), reader.u64()
            if tensor_count > _MAX_COUNT or kv_count > _MAX_COUNT:
                raise reader.fail("corrupt GGUF header (absurd tensor or key count)")
            metadata: dict[str, object] = {}
            for _ in range(kv_count):
                key = reader.string()
                metadata[key] = reader.value(reader.u32(), key)
            data_end = _tensor_data_end(reader, tensor_count, metadata)
    except OSError as exc:
        raise ModelLoadError(path, f"cannot read file: {exc.strerror or exc}") from exc
    if data_end is not None and data_end > size:
        raise ModelLoadError(path, f"file is truncated: tensors need {data_end} bytes, the file has {size}")
    return GGUFInfo(path, version, tensor_count, metadata, data_end)


def _tensor_data_end(reader: _Reader, tensor_count: int, metadata: dict[str, object]) -> int | None:
    end_offset = 0
    known = True
    for _ in range(tensor_count):
        reader.string()
        n_dims = reader.u32()
        if n_dims > 8:
            raise reader.fail(f"corrupt GGUF header (tensor with {n_dims} dimensions)")
        elements = 1
        for _ in range(n_dims):
            elements *= reader.u64()
        kind, offset = reader.u32(), reader.u64()
        block = _TENSOR_BLOCKS.get(kind)
        if block is None:
            known = False
            continue
        per_block, block_bytes = block
        end_offset = max(end_offset, offset + elements // per_block * block_bytes)
    alignment = metadata.get("general.alignment", 32)
    align = alignment if isinstance(alignment, int) and alignment > 0 else 32
    data_start = -(-reader.fh.tell() // align) * align
    return data_start + end_offset if known else None
