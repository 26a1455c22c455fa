"""The cache bookkeeping of a stand-in ``Decoder``: subclasses say what ``eval`` computes."""

from __future__ import annotations

from collections.abc import Sequence

from smallcode.runtime.sampling import FloatArray


class FakeDecoder:
    """Holds the evaluated tokens and the logits rows of the last evaluation (``_rows``)."""

    n_ctx = 2048

    def __init__(self) -> None:
        self.tokens: list[int] = []
        self._rows: list[FloatArray] = []

    @property
    def size(self) -> int:
        return len(self.tokens)

    def truncate(self, n: int) -> None:
        del self.tokens[n:]

    def prefill(self, prompt: Sequence[int], store: object = None) -> int:
        self.tokens = []
        self.eval(prompt)
        return 0

    def eval(self, tokens: Sequence[int], *, all_logits: bool = False) -> float:
        raise NotImplementedError

    def logits(self, index: int = -1) -> FloatArray:
        return self._rows[index]
