"""What the harness costs: grammar-constrained decoding per token, and a turn against bare
llama-cpp-python."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ...messages import Message
from ...model import Grammar, Sampling
from ...runtime.local import weights_repacked
from .figures import Figure, Report, load, paired, timed_run
from .workloads import FREE_PROMPTS, TOOLS


def bench_grammar(report: Report, path: Path, args: argparse.Namespace) -> None:
    from llama_cpp.llama_grammar import LlamaGrammar

    grammar = Grammar.tool_call(TOOLS)
    messages = [Message.system("You are a coding agent."), Message.user("Run the test suite with pytest -q")]
    sampling = Sampling(max_tokens=60)
    with load(path, args, n_ctx=4096) as rt:
        prompt = rt.tokenize(rt.render(messages, TOOLS))
        reference = LlamaGrammar.from_string(grammar.gbnf, verbose=False)

        def ours() -> tuple[float, str]:
            rt.clear_cache()
            began = time.perf_counter()
            text = rt.complete(messages, tools=TOOLS, grammar=grammar, sampling=sampling).raw_text or ""
            stats = rt.last_stats
            assert stats is not None
            return max(1, stats.generated) / (time.perf_counter() - began), text

        def unconstrained() -> float:
            rt.clear_cache()
            began = time.perf_counter()
            rt.complete(messages, tools=TOOLS, sampling=sampling)
            stats = rt.last_stats
            assert stats is not None
            return max(1, stats.generated) / (time.perf_counter() - began)

        def full_mask() -> tuple[float, str]:
            llm = rt.llama
            rt.clear_cache()
            llm.reset()  # type: ignore[no-untyped-call]
            out: list[int] = []
            began = time.perf_counter()
            for token in llm.generate(prompt, temp=0.0, grammar=reference):
                if rt._is_end(token) or len(out) >= sampling.max_tokens:
                    break
                out.append(token)
            return max(1, len(out)) / (time.perf_counter() - began), rt.detokenize(out)

        texts: dict[str, str] = {}

        def ours_rate() -> float:
            rate, texts["ours"] = ours()
            return rate

        def mask_rate() -> float:
            rate, texts["mask"] = full_mask()
            return rate

        base, cand, ratio = paired(mask_rate, ours_rate, args.repeats)
        report.add(
            Figure(
                "grammar",
                "tool-call tok/s: check-first vs full-vocab mask",
                cand,
                base,
                ratio,
                "tok/s",
                "",
                None,
                f"same output: {texts.get('ours') == texts.get('mask')}",
            )
        )
        base, cand, ratio = paired(unconstrained, ours_rate, args.repeats)
        report.add(
            Figure(
                "grammar",
                "tool-call tok/s: grammar vs none",
                cand,
                base,
                ratio,
                "tok/s",
                "",
                None,
                "per-token grammar overhead = 1/ratio - 1",
            )
        )


def bench_overhead(report: Report, path: Path, args: argparse.Namespace) -> None:
    from llama_cpp import Llama

    messages = [Message.system("You are a coding assistant."), Message.user(FREE_PROMPTS[0])]
    sampling = Sampling(max_tokens=args.tokens)
    with load(path, args, n_ctx=4096) as rt:
        prompt = rt.render(messages)
        with weights_repacked(rt.repack):  # as the Runtime, so only the harness differs
            bare = Llama(
                model_path=str(path),
                n_ctx=4096,
                n_batch=rt.n_batch,
                n_ubatch=rt.n_batch,
                n_threads=args.threads,
                n_threads_batch=args.threads,
                n_gpu_layers=args.gpu_layers,
                flash_attn=True,
                verbose=False,
            )
        try:
            texts: dict[str, str] = {}

            def ours() -> float:
                run = timed_run(rt, messages, sampling)
                texts["ours"] = run.text
                return run.wall

            def plain() -> float:
                bare.reset()  # type: ignore[no-untyped-call]
                began = time.perf_counter()
                out = bare.create_completion(
                    prompt,
                    max_tokens=sampling.max_tokens,
                    temperature=0.0,
                    top_k=40,
                    top_p=1.0,
                    min_p=0.05,
                    repeat_penalty=1.0,
                )
                took = time.perf_counter() - began
                texts["bare"] = str(out["choices"][0]["text"])  # type: ignore[index]
                return took

            plain(), ours()  # the first evaluation of each instance pays for allocating its buffers
            base, cand, ratio = paired(plain, ours, args.repeats)
        finally:
            bare.close()
    report.add(
        Figure(
            "overhead",
            "agent turn wall time vs bare llama-cpp-python",
            cand,
            base,
            ratio,
            "s",
            "<= 1.05x",
            ratio <= 1.05,
            f"same text: {texts.get('ours') == texts.get('bare')}",
        )
    )
