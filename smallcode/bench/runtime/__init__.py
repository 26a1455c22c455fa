"""``smallcode bench runtime``: speculative decoding, KV reuse, KV quantization, grammars, overhead.

Every figure is printed next to its baseline measured in the same run. Baseline and candidate runs
alternate (A B B A ...) and each figure is the median of the paired ratios, because the machine may
be shared and timings drift. Greedy outputs are compared token for token where speed is at stake.
"""

from .command import add_arguments, main

__all__ = ["add_arguments", "main"]
