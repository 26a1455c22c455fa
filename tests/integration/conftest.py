"""Integration tests run the real embedded model (installed by `make test`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from smallcode import Runtime


@pytest.fixture(scope="session")
def runtime() -> Iterator[Runtime]:
    with Runtime.default(n_ctx=4096, seed=0) as rt:
        yield rt
