"""Bad model files become ModelLoadError; registry assembly verifies its pinned hash."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from smallcode import ModelLoadError, ModelNotInstalledError, Runtime
from smallcode.errors import ChecksumMismatchError
from smallcode.runtime import read_gguf, registry


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="does not exist") as info:
        Runtime(tmp_path / "nope.gguf")
    assert info.value.path == tmp_path / "nope.gguf"


def test_not_a_gguf(tmp_path: Path) -> None:
    bogus = tmp_path / "model.gguf"
    bogus.write_bytes(b"PK\x03\x04 this is a zip, not a model" * 10)
    with pytest.raises(ModelLoadError, match="not a GGUF file"):
        Runtime(bogus)


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="not a regular file"):
        read_gguf(tmp_path)


@pytest.mark.parametrize("cut", [1, 40, 200])
def test_truncated_gguf_names_the_reason(tiny_gguf: Callable[..., Path], cut: int) -> None:
    path = tiny_gguf(truncate=cut)
    with pytest.raises(ModelLoadError, match="truncated"):
        Runtime(path)


def test_intact_tiny_gguf_header_is_read(tiny_gguf: Callable[..., Path]) -> None:
    info = read_gguf(tiny_gguf())
    assert info.architecture == "llama" and info.tensor_count == 1
    assert info.data_end == info.path.stat().st_size


def test_corrupt_string_length(tmp_path: Path) -> None:
    path = tmp_path / "bad.gguf"
    path.write_bytes(
        b"GGUF"
        + (3).to_bytes(4, "little")
        + (0).to_bytes(8, "little")
        + (1).to_bytes(8, "little")
        + (2**40).to_bytes(8, "little")
    )
    with pytest.raises(ModelLoadError, match="corrupt"):
        read_gguf(path)


def test_unsupported_version(tmp_path: Path) -> None:
    path = tmp_path / "v9.gguf"
    path.write_bytes(b"GGUF" + (9).to_bytes(4, "little") + b"\0" * 16)
    with pytest.raises(ModelLoadError, match="version 9"):
        read_gguf(path)


# -- registry ----------------------------------------------------------------------------------

PARTS = [b"alpha-" * 1000, b"beta-" * 777, b"gamma"]


@pytest.fixture
def fake_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[registry.RegisteredModel]:
    monkeypatch.setenv("SMALLCODE_HOME", str(tmp_path / "home"))
    part_dir = tmp_path / "parts"
    part_dir.mkdir()
    for number, data in enumerate(PARTS, 1):
        (part_dir / f"part{number:02d}.bin").write_bytes(data)
    whole = b"".join(PARTS)
    model = registry.RegisteredModel(
        name="fake",
        filename="fake.gguf",
        sha256=hashlib.sha256(whole).hexdigest(),
        size=len(whole),
        extra="fake",
        part_package="fake-part{n}",
        part_count=len(PARTS),
        description="test",
    )
    monkeypatch.setitem(registry.MODELS, "fake", model)

    def part_path(self: registry.RegisteredModel, number: int) -> Path | None:
        path = part_dir / f"part{number:02d}.bin"
        return path if path.exists() else None

    monkeypatch.setattr(registry.RegisteredModel, "part_path", part_path)
    yield model


def test_assembles_once_verifies_and_reuses(fake_model: registry.RegisteredModel) -> None:
    seen: list[tuple[int, int]] = []
    path = registry.ensure_model("fake", progress=lambda done, total: seen.append((done, total)))
    assert path.read_bytes() == b"".join(PARTS)
    assert seen[-1] == (fake_model.size, fake_model.size)
    assert registry.status("fake").assembled
    mtime = path.stat().st_mtime_ns
    seen.clear()
    assert registry.ensure_model("fake", progress=lambda d, t: seen.append((d, t))) == path
    assert seen == [] and path.stat().st_mtime_ns == mtime  # not assembled again


def test_wrong_hash_is_an_error_and_leaves_no_file(
    fake_model: registry.RegisteredModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        registry.MODELS, "fake", fake_model.__class__(**{**fake_model.__dict__, "sha256": "0" * 64})
    )
    with pytest.raises(ChecksumMismatchError, match="sha256"):
        registry.ensure_model("fake")
    assert not any(registry.model_dir().iterdir())


def test_a_tampered_cached_file_is_rebuilt(fake_model: registry.RegisteredModel) -> None:
    path = registry.ensure_model("fake")
    path.write_bytes(b"x" * fake_model.size)  # same size, different bytes, new mtime
    assert not registry.status("fake").assembled
    assert registry.ensure_model("fake").read_bytes() == b"".join(PARTS)


def test_missing_parts_say_how_to_install(fake_model: registry.RegisteredModel, tmp_path: Path) -> None:
    (tmp_path / "parts" / "part02.bin").unlink()
    with pytest.raises(ModelNotInstalledError, match=r"pip install 'smallcode\[fake\]'"):
        registry.ensure_model("fake")
    assert registry.status("fake").parts_installed == 2


def test_unknown_model_name() -> None:
    with pytest.raises(ModelNotInstalledError, match="unknown model"):
        registry.ensure_model("gpt-17")


@pytest.mark.parametrize(("requested", "offloaded"), [(0, 0), (-1, 25), (10, 10), (25, 25), (99, 25)])
def test_offloaded_layers_counts_blocks_and_output_on_a_gpu_build(
    monkeypatch: pytest.MonkeyPatch, requested: int, offloaded: int
) -> None:
    import llama_cpp

    from smallcode.runtime.local import _offloaded_layers

    monkeypatch.setattr(llama_cpp, "llama_supports_gpu_offload", lambda: True)
    assert _offloaded_layers(requested, 24) == offloaded
    monkeypatch.setattr(llama_cpp, "llama_supports_gpu_offload", lambda: False)
    assert _offloaded_layers(requested, 24) == 0


def test_a_load_without_repacking_leaves_llama_cpp_defaults_as_found_even_when_it_fails() -> None:
    from llama_cpp import llama_cpp as C

    from smallcode.runtime.local import weights_repacked

    defaults = C.llama_model_default_params
    assert defaults().use_extra_bufts  # llama.cpp repacks by default
    with pytest.raises(RuntimeError, match="refused"), weights_repacked(False):
        assert not C.llama_model_default_params().use_extra_bufts
        raise RuntimeError("llama.cpp refused the model")
    assert C.llama_model_default_params is defaults
    with weights_repacked(True):
        assert C.llama_model_default_params is defaults


@pytest.mark.parametrize(
    ("system_info", "repack"),
    [
        ("CPU : SSE3 = 1 | AVX2 = 1 | AVX512 = 1 | LLAMAFILE = 1 | OPENMP = 1 | REPACK = 1 | ", True),
        ("CPU : SSE3 = 1 | AVX512 = 1 | AVX512_BF16 = 1 | AMX_INT8 = 1 | OPENMP = 1 | REPACK = 1 | ", False),
    ],
)
def test_weights_are_repacked_by_default_but_for_llama_cpps_amx_kernels(
    system_info: str, repack: bool
) -> None:
    from smallcode.runtime.local import repack_by_default

    assert repack_by_default(system_info) is repack
