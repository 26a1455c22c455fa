"""Re-storing a GGUF's weights: files llama.cpp cannot convert are refused and leave nothing behind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from smallcode.errors import ModelLoadError
from smallcode.runtime import convert_weights


def test_a_gguf_llama_cpp_cannot_load_as_a_model_is_refused_and_leaves_no_partial_file(
    tiny_gguf: Callable[..., Path], tmp_path: Path
) -> None:
    source = tiny_gguf()  # a valid GGUF holding one tensor, no model
    out = tmp_path / "out"
    with pytest.raises(ModelLoadError, match="could not store its weights as f16") as raised:
        convert_weights(source, "f16", directory=out)
    assert raised.value.path == source
    assert list(out.iterdir()) == []


def test_a_truncated_gguf_is_refused_before_llama_cpp_reads_it(
    tiny_gguf: Callable[..., Path], tmp_path: Path
) -> None:
    source = tiny_gguf(truncate=8)
    with pytest.raises(ModelLoadError, match="truncated"):
        convert_weights(source, "f32", directory=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_only_float_weight_types_are_offered(tiny_gguf: Callable[..., Path]) -> None:
    with pytest.raises(ValueError, match=r"one of \['f16', 'f32'\], not 'q4_0'"):
        convert_weights(tiny_gguf(), "q4_0")  # type: ignore[arg-type]


def test_a_directory_that_cannot_hold_the_copy_is_a_model_load_error(
    tiny_gguf: Callable[..., Path], tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    with pytest.raises(ModelLoadError, match="cannot write its copy in"):
        convert_weights(tiny_gguf(), "f16", directory=blocked)
    assert blocked.read_text() == "not a directory"
