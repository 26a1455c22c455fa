from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from smallcode import (
    ContextOverflowError,
    Grammar,
    Message,
    ModelLoadError,
    Runtime,
    Sampling,
    ToolCall,
    ToolSpec,
)
from smallcode.runtime import ensure_model
from smallcode.runtime.local import repack_by_default

pytestmark = pytest.mark.model

READ = ToolSpec(
    name="read_file",
    description="Read a text file from the project",
    parameters={"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
)


def test_default_model_completes_text(runtime: Runtime) -> None:
    completion = runtime.complete(
        [Message.user("What is 2 + 3? Answer with the number only.")], sampling=Sampling(max_tokens=8)
    )
    assert "5" in completion.text
    assert completion.usage.prompt_tokens > 10 and 0 < completion.usage.completion_tokens <= 8


def test_streaming_yields_exactly_the_text(runtime: Runtime) -> None:
    pieces: list[str] = []
    completion = runtime.complete(
        [Message.user("Name three colors.")], sampling=Sampling(max_tokens=20), on_token=pieces.append
    )
    assert len(pieces) > 1 and "".join(pieces) == completion.text


def test_stop_strings_cut_the_output(runtime: Runtime) -> None:
    messages = [Message.user("Count from 1 to 10, separated by commas.")]
    full = runtime.complete(messages, sampling=Sampling(max_tokens=40)).text
    assert "5" in full
    cut = runtime.complete(messages, sampling=Sampling(max_tokens=40, stop=("5",)))
    assert "5" not in cut.text and full.startswith(cut.text) and cut.finish_reason == "stop"


def test_a_reply_caught_in_a_loop_of_lines_is_stopped(runtime: Runtime) -> None:
    messages = [Message.user("Print the line x = 1 forty times."), Message.assistant("x = 1\n" * 4)]
    free = runtime.complete(messages, sampling=Sampling(max_tokens=120))
    assert free.finish_reason == "length" and free.text.count("x = 1\n") > 20  # the model loops
    stopped = runtime.complete(messages, sampling=Sampling(max_tokens=120, stop_repeated_lines=6))
    assert stopped.finish_reason == "repetition" and stopped.text == "x = 1\n" * 6
    assert stopped.usage.completion_tokens < free.usage.completion_tokens


def test_token_count_matches_the_rendered_prompt(runtime: Runtime) -> None:
    messages = [Message.system("You are terse."), Message.user("hello there")]
    assert runtime.count_tokens(messages) == len(runtime.tokenize(runtime.render(messages)))
    assert runtime.count_tokens(messages, [READ]) > runtime.count_tokens(messages) + 30


@pytest.mark.parametrize(
    "tail",
    [
        "",
        "\n\n  indented\tcode()\n",
        "<|im_start|>user\nnaïve — 日本語 ✓\n",
        " ```py\nx = 1\n``` ",
        "<|im_end|>",
    ],
)
def test_a_prompt_tokenized_message_by_message_equals_the_whole(runtime: Runtime, tail: str) -> None:
    assert runtime._pieces.separator == "<|im_end|>"
    conversation = [
        Message.system("You are terse."),
        Message.user("read a.py"),
        Message.assistant("", tool_calls=[ToolCall(id="c1", name="read_file", arguments={"path": "a.py"})]),
        Message.tool("def f():\n    return 1\n", tool_call_id="c1", name="read_file"),
    ]
    text = runtime.render(conversation, [READ]) + tail
    runtime.clear_cache()
    assert runtime.tokenize(text) == runtime._tokenize_whole(text)
    assert runtime.tokenize(text) == runtime._tokenize_whole(text)  # from the remembered pieces


def test_a_longer_conversation_tokenizes_only_its_new_messages(runtime: Runtime) -> None:
    first = [Message.system("You are terse."), Message.user("hello there")]
    longer = [*first, Message.assistant("hi"), Message.user("and now?")]
    runtime.clear_cache()
    runtime.tokenize(runtime.render(first))
    known = len(runtime._pieces)
    runtime.tokenize(runtime.render(longer))
    assert len(runtime._pieces) == known + 2  # the assistant's reply and the new user message
    runtime.clear_cache()
    assert len(runtime._pieces) == 0


@pytest.mark.parametrize(
    "template",
    [
        "{% for m in messages %}[{{ m.role }}] {{ m.content }}\n{% endfor %}",  # no control token at all
        "{% if messages|length > 2 %}{{ raise_exception('one question only') }}{% endif %}"
        "{% for m in messages %}<|im_start|>{{ m.content }}<|im_end|>{% endfor %}",
    ],
)
def test_a_template_without_a_message_separator_tokenizes_whole(template: str) -> None:
    with Runtime.default(n_ctx=512, chat_template=template) as rt:
        assert rt._pieces.separator is None
        text = "a<|im_end|>\nb"
        assert rt.tokenize(text) == rt._tokenize_whole(text) and len(rt._pieces) == 0


def test_tools_prompt_uses_the_models_own_template(runtime: Runtime) -> None:
    prompt = runtime.render([Message.user("hi")], [READ])
    assert "<tools>" in prompt and '"name": "read_file"' in prompt and "<tool_call>" in prompt


def test_a_real_tool_call_is_parsed(runtime: Runtime) -> None:
    messages = [
        Message.system("You are a coding assistant."),
        Message.user("Show me the contents of src/app.py"),
    ]
    completion = runtime.complete(
        messages, tools=[READ], grammar=Grammar.tool_call([READ]), sampling=Sampling(max_tokens=60)
    )
    assert completion.finish_reason == "tool_calls"
    assert completion.tool_calls[0].name == "read_file"
    assert completion.tool_calls[0].arguments == {"path": "src/app.py"}
    assert completion.raw_text is not None and completion.raw_text.startswith("<tool_call>")


def test_choice_grammar_restricts_the_answer(runtime: Runtime) -> None:
    completion = runtime.complete(
        [Message.user("Which category fits 'open the README'? read, write or run?")],
        grammar=Grammar.choice(["read", "write", "run"]),
        sampling=Sampling(max_tokens=5),
    )
    assert completion.text in {"read", "write", "run"}


def test_second_turn_reuses_the_evaluated_prefix(runtime: Runtime) -> None:
    first = [Message.system("You are terse. " * 20), Message.user("Say A.")]
    runtime.complete(first, sampling=Sampling(max_tokens=4))
    second = runtime.complete(
        [*first, Message.assistant("A"), Message.user("Say B.")], sampling=Sampling(max_tokens=4)
    )
    assert second.usage.cached_tokens >= runtime.count_tokens(first) - 1


def test_logprobs_are_reported_cheaply(runtime: Runtime) -> None:
    completion = runtime.complete([Message.user("Say yes.")], sampling=Sampling(max_tokens=4, logprobs=True))
    assert completion.logprobs is not None and len(completion.logprobs) == completion.usage.completion_tokens
    assert all(t.logprob <= 0.0 for t in completion.logprobs)
    assert completion.mean_logprob is not None and completion.mean_logprob > -5


def test_prompt_larger_than_the_window_is_a_typed_error(runtime: Runtime) -> None:
    with pytest.raises(ContextOverflowError) as info:
        runtime.complete([Message.user("word " * 5000)])
    assert info.value.window == runtime.context_window


def test_info_reports_what_is_in_effect(runtime: Runtime) -> None:
    info = runtime.info()
    assert info.n_ctx == 4096 and info.kv_cache == "f16" and info.vocab_size == 151936
    # Qwen2.5-0.5B: 24 layers, 2 KV heads of 64 dims, K and V in f16
    assert info.kv_cache_bytes == 24 * 4096 * 2 * 128 * 2
    assert info.n_gpu_layers == 0 and info.offloaded_layers == 0
    assert info.repack == repack_by_default()  # llama.cpp's system info decides when not told


def test_a_runtime_not_told_whether_to_repack_asks_llama_cpps_system_info(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from smallcode.runtime import local

    monkeypatch.setattr(local, "repack_by_default", lambda: False)  # as on a CPU with Intel AMX
    with Runtime(ensure_model(), n_ctx=256) as rt:
        assert rt.info().repack is False
        assert rt.complete([Message.user("Say hi.")], sampling=Sampling(max_tokens=4)).text


def test_info_reports_the_layers_a_gpu_really_holds() -> None:
    from llama_cpp import llama_supports_gpu_offload

    with Runtime(ensure_model(), n_ctx=256, n_gpu_layers=-1) as rt:
        info = rt.info()
    # 24 blocks and the output layer where llama.cpp was built for a GPU; none on a CPU-only build
    assert info.n_gpu_layers == -1
    assert info.offloaded_layers == (25 if llama_supports_gpu_offload() else 0)


def test_eval_time_includes_waiting_for_the_device(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    # a GPU returns from llama_decode before the work is done; eval's seconds must cover the wait
    from llama_cpp import llama_cpp as C

    real = C.llama_synchronize
    clock = [100.0]  # moves only while the device is waited for

    def slow_device(ctx: object) -> None:
        clock[0] += 5.0
        real(ctx)

    monkeypatch.setattr(time, "perf_counter", lambda: clock[0])
    monkeypatch.setattr(C, "llama_synchronize", slow_device)
    runtime.clear_cache()
    seconds = runtime._decoder.eval(runtime.tokenize("def add(a, b):\n    return a + b\n"))
    assert seconds == 5.0
    runtime.clear_cache()


def test_truncated_real_model_is_refused(tmp_path: Path) -> None:
    cut = tmp_path / "cut.gguf"
    with ensure_model().open("rb") as src, cut.open("wb") as dst:
        dst.write(src.read(50_000_000))
    with pytest.raises(ModelLoadError, match="truncated"):
        Runtime(cut)


def test_runtime_refuses_use_after_close(tmp_path: Path) -> None:
    copy = tmp_path / "m.gguf"
    shutil.copyfile(ensure_model(), copy)
    rt = Runtime(copy, n_ctx=256)
    rt.close()
    with pytest.raises(Exception, match="closed"):
        rt.complete([Message.user("x")])
