"""The KV cache: element types and their sizes, and saved prefix states.

A quantized cache (``q8_0``, ``q4_0``) stores keys and values in 32-element blocks with one f16 scale
each, so q8_0 takes 34 bytes where f16 takes 64. llama.cpp can only quantize the V cache with flash
attention on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..errors import GenerationError
from .gguf import GGUFInfo

if TYPE_CHECKING:
    from .decode import Decoder

KVCacheType = Literal["f16", "q8_0", "q4_0"]

# cache type -> (ggml type id, elements per block, bytes per block)
KV_TYPES: dict[str, tuple[int, int, int]] = {"f16": (1, 1, 2), "q8_0": (8, 32, 34), "q4_0": (2, 32, 18)}


@dataclass(frozen=True)
class KVShape:
    """What one cached token holds: per layer, ``kv_heads`` keys and values of the given widths."""

    layers: int
    kv_heads: int
    key_length: int
    value_length: int

    @classmethod
    def of(cls, gguf: GGUFInfo) -> KVShape:
        arch = gguf.architecture or ""
        heads = gguf.get_int(f"{arch}.attention.head_count") or 1
        embed = gguf.get_int(f"{arch}.embedding_length") or 0
        return cls(
            layers=gguf.get_int(f"{arch}.block_count") or 0,
            kv_heads=gguf.get_int(f"{arch}.attention.head_count_kv") or heads,
            key_length=gguf.get_int(f"{arch}.attention.key_length") or embed // heads,
            value_length=gguf.get_int(f"{arch}.attention.value_length") or embed // heads,
        )

    def bytes_per_token(self, kind: KVCacheType) -> int:
        """Bytes of K and V for one token over all layers, as llama.cpp lays out its rows."""
        _, block, block_bytes = KV_TYPES[kind]
        row_k = self.kv_heads * self.key_length
        row_v = self.kv_heads * self.value_length
        return self.layers * (-(-row_k // block) + -(-row_v // block)) * block_bytes

    def cache_bytes(self, kind: KVCacheType, n_ctx: int) -> int:
        return self.bytes_per_token(kind) * n_ctx


@dataclass(frozen=True)
class PrefixState:
    """A KV state saved for a fixed prompt prefix (e.g. a system prompt and its tool menu)."""

    tokens: tuple[int, ...]
    data: bytes = b""

    @property
    def size(self) -> int:
        return len(self.data)


class PrefixStore:
    """Saved prefix states that a new prompt may start from instead of evaluating them again.

    Useful when other prompts (a router's side question, another task) take the KV cache between
    turns: the saved prefix comes back by copying bytes, not by running the model. Besides the fixed
    prefixes (at most ``capacity``), one conversation state is kept: the last one saved replaces it.
    """

    def __init__(self, capacity: int = 4) -> None:
        self.capacity = capacity
        self._states: list[PrefixState] = []
        self._conversation: PrefixState | None = None

    def __len__(self) -> int:
        return len(self.states)

    @property
    def states(self) -> tuple[PrefixState, ...]:
        kept = (self._conversation,) if self._conversation is not None else ()
        return (*self._states, *kept)

    def save(self, decoder: Decoder, tokens: Sequence[int]) -> PrefixState:
        """Evaluate ``tokens`` (re-using what is cached) and keep their KV state."""
        state = self._evaluate(decoder, tokens)
        if state is None:
            raise GenerationError(f"a prefix shorter than n_batch={decoder.n_batch} cannot be saved exactly")
        self._states = [s for s in self._states if s.tokens != state.tokens][-(self.capacity - 1) :]
        self._states.append(state)
        return state

    def save_conversation(self, decoder: Decoder, tokens: Sequence[int]) -> PrefixState | None:
        """Keep the state of a conversation so far in place of the last one kept (None when an exact
        cache cannot keep any of it)."""
        state = self._evaluate(decoder, tokens)
        if state is not None:
            self._conversation = state
        return state

    @staticmethod
    def _evaluate(decoder: Decoder, tokens: Sequence[int]) -> PrefixState | None:
        decoder.prefill(tokens)
        # an exact cache keeps only what a fresh evaluation would have computed the same way
        keep = len(tokens) - len(tokens) % decoder.n_batch if decoder.exact else len(tokens)
        if keep == 0:
            return None
        decoder.truncate(keep)
        return PrefixState(tuple(tokens[:keep]), decoder.save_state())

    def clear(self) -> None:
        self._states.clear()
        self._conversation = None

    def best_for(self, prompt: Sequence[int]) -> PrefixState | None:
        """The longest saved prefix of ``prompt`` (a state never covers the whole prompt: the last
        prompt token is always evaluated to get its logits)."""
        best: PrefixState | None = None
        for state in self.states:
            n = len(state.tokens)
            if (
                n < len(prompt)
                and tuple(prompt[:n]) == state.tokens
                and (best is None or n > len(best.tokens))
            ):
                best = state
        return best

    def restore_into(self, decoder: Decoder, prompt: Sequence[int], cached: int) -> int:
        """Load the best saved prefix of ``prompt`` when it covers more than the ``cached`` tokens the
        cache already shares with it; return how many prompt tokens the cache now holds (0: none)."""
        state = self.best_for(prompt)
        if state is None or len(state.tokens) <= cached:
            return 0
        decoder.load_state(state.tokens, state.data)
        return len(state.tokens)
