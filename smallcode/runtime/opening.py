"""Opening a model named by a string, as the command line names one: ``default``, a registered
model, a ``.gguf`` path, an OpenAI-compatible URL, or ``env`` (the server in ``SMALLCODE_BASE_URL``)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, fields
from pathlib import Path

from ..errors import ModelOptionsError
from ..model import Model
from .kvcache import KV_TYPES, KVCacheType
from .local import Runtime
from .registry import DEFAULT_MODEL, ProgressCallback


@dataclass(frozen=True)
class LocalOptions:
    """How a local model is loaded; each left at its default leaves the Runtime's own."""

    threads: int | None = None
    gpu_layers: int | None = None
    draft: str | None = None
    kv_cache: KVCacheType = "f16"
    repack: bool = True

    def given(self) -> list[str]:
        """The options not left at their defaults."""
        return [f.name for f in fields(self) if getattr(self, f.name) != f.default]

    def runtime_options(self) -> dict[str, object]:
        """The ``Runtime`` keyword arguments these options stand for."""
        names = {"threads": "n_threads", "gpu_layers": "n_gpu_layers"}
        return {names.get(name, name): getattr(self, name) for name in self.given()}

    def placement(self) -> LocalOptions:
        """Only where the model runs (threads, GPU layers): for a second model, such as an escalation."""
        return LocalOptions(threads=self.threads, gpu_layers=self.gpu_layers)

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        """``--threads --gpu-layers --draft --kv-cache --no-repack``, read back by ``from_args``."""
        parser.add_argument("--threads", type=int, help="CPU threads for a local model (default: all cores)")
        parser.add_argument(
            "--gpu-layers",
            type=int,
            help="layers of a local model offloaded to a GPU (-1: all; a GPU build of llama-cpp-python)",
        )
        parser.add_argument("--draft", help="speculative decoding: 'lookup' or a draft .gguf")
        parser.add_argument(
            "--kv-cache", choices=tuple(KV_TYPES), default="f16", help="a local model's KV cache"
        )
        parser.add_argument(
            "--no-repack",
            action="store_true",
            help="load a local model's weights as stored (Runtime(repack=False)): with a quantized "
            "--kv-cache, greedy drafts are verified at any cache length",
        )

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> LocalOptions:
        return cls(
            threads=args.threads,
            gpu_layers=args.gpu_layers,
            draft=args.draft,
            kv_cache=args.kv_cache,
            repack=not args.no_repack,
        )


def open_model(
    spec: str,
    *,
    n_ctx: int = 8192,
    local: LocalOptions = LocalOptions(),
    remote_model: str | None = None,
    progress: ProgressCallback | None = None,
) -> Model:
    """The model ``spec`` names. A URL or ``env`` is a ``RemoteModel`` (API key and, unless
    ``remote_model`` names one, model name from ``SMALLCODE_*`` or ``.env``); anything else a
    ``Runtime`` loaded with ``local``. ``local`` options for a server raise ``ModelOptionsError``:
    they would be silently lost."""
    if spec == "env" or spec.startswith(("http://", "https://")):
        if local.given():
            raise ModelOptionsError(
                f"{', '.join(local.given())}: options of a local model, and {spec} names a server"
            )
        from .remote import RemoteModel  # imported here: it pulls in the HTTP client

        named = {"model": remote_model} if remote_model else {}
        if spec == "env":
            return RemoteModel.from_env(**named)
        return RemoteModel.from_env(base_url=spec, **named)
    if Path(spec).suffix == ".gguf" or "/" in spec:
        return Runtime.from_gguf(spec, n_ctx=n_ctx, **local.runtime_options())
    name = DEFAULT_MODEL if spec == "default" else spec
    return Runtime.from_registry(name, progress=progress, n_ctx=n_ctx, **local.runtime_options())
