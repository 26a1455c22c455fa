"""The embedded model with its weights stored as f16: the same model, written once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from smallcode.messages import Message
from smallcode.model import Sampling
from smallcode.runtime import Runtime, convert_weights, ensure_model, read_gguf

pytestmark = pytest.mark.model


def test_the_default_model_stored_as_f16_decodes_as_it_does_and_is_written_once(tmp_path: Path) -> None:
    model = ensure_model()
    wide = convert_weights(model, "f16", directory=tmp_path)
    assert wide == tmp_path / f"{model.stem}.f16.gguf"
    assert [p.name for p in tmp_path.iterdir()] == [wide.name]
    assert read_gguf(wide).get_int("general.file_type") == 1  # LLAMA_FTYPE_MOSTLY_F16
    assert wide.stat().st_size > 1.8 * model.stat().st_size

    written = wide.stat().st_mtime_ns
    assert convert_weights(model, "f16", directory=tmp_path) == wide
    assert wide.stat().st_mtime_ns == written
    # a copy older than its source is written again
    older = model.stat().st_mtime - 60
    os.utime(wide, (older, older))
    convert_weights(model, "f16", directory=tmp_path)
    assert wide.stat().st_mtime > model.stat().st_mtime

    prompt = [Message.user("Write a Python function that adds two numbers.")]
    short = Sampling(max_tokens=12)
    with Runtime(model, n_ctx=512) as stored, Runtime(wide, n_ctx=512) as expanded:
        assert expanded.info().model_path == wide
        assert expanded.complete(prompt, sampling=short).text == stored.complete(prompt, sampling=short).text
