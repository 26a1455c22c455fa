"""RemoteModel against a scripted loopback server: requests, replies, streaming, tool calls, grammars."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from smallcode import Grammar, Message, Model, Sampling, ToolCall, ToolSpec
from smallcode.runtime import RemoteModel, RetryPolicy

from .remote_server import Answer, FakeServer, chunk, completion, error, serve, usage_chunk

READ = ToolSpec(
    name="read_file",
    description="Read a file",
    parameters={"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
)
CONVERSATION = [Message.system("You are terse."), Message.user("Show me a.py")]


@pytest.fixture
def server() -> Iterator[FakeServer]:
    yield from serve()


def remote(server: FakeServer, **options: object) -> RemoteModel:
    options.setdefault(
        "retry", RetryPolicy(attempts=3, initial_wait=0.001, max_wait=0.002, sleep=lambda _: None)
    )
    return RemoteModel(server.url, **options)  # type: ignore[arg-type]


def test_it_is_a_model_and_sends_the_conversation_in_openai_shape(server: FakeServer) -> None:
    server.push(completion("Hello.", usage=(40, 2, 32)))
    model = remote(server, model="m1")
    assert isinstance(model, Model)
    reply = model.complete(CONVERSATION, sampling=Sampling(max_tokens=7, stop=("END",), seed=3))
    assert reply.text == "Hello." and reply.finish_reason == "stop" and not reply.tool_calls
    assert (reply.usage.prompt_tokens, reply.usage.completion_tokens, reply.usage.cached_tokens) == (
        40,
        2,
        32,
    )
    sent = server.chat_requests[0]
    assert sent["model"] == "m1" and sent["max_tokens"] == 7 and sent["stop"] == ["END"] and sent["seed"] == 3
    assert sent["messages"] == [m.to_openai() for m in CONVERSATION]
    assert "stream" not in sent and "top_k" not in sent  # greedy: llama.cpp extras change nothing


def test_without_a_model_name_the_first_listed_model_is_used(server: FakeServer) -> None:
    server.routes[("GET", "/v1/models")] = Answer(body={"data": [{"id": "served-one"}, {"id": "other"}]})
    server.push(completion("ok"))
    model = remote(server)
    model.complete([Message.user("hi")])
    assert model.model == "served-one" and server.chat_requests[0]["model"] == "served-one"


def test_api_key_is_sent_as_a_bearer_token(server: FakeServer) -> None:
    server.push(completion("ok"))
    remote(server, model="m", api_key="sk-test").complete([Message.user("hi")])
    chat = next(s for s in server.seen if s.path.endswith("/chat/completions"))
    assert chat.headers["authorization"] == "Bearer sk-test"


def test_native_tool_calls_are_decoded(server: FakeServer) -> None:
    call: dict[str, object] = {
        "id": "call_9",
        "type": "function",
        "function": {"name": "read_file", "arguments": '{"path": "a.py"}'},
    }
    server.push(completion(None, tool_calls=[call], finish="tool_calls"))
    reply = remote(server, model="m").complete(CONVERSATION, tools=[READ])
    assert reply.tool_calls == (ToolCall(id="call_9", name="read_file", arguments={"path": "a.py"}),)
    assert reply.finish_reason == "tool_calls"
    assert server.chat_requests[0]["tools"] == [READ.to_openai()]


def test_broken_native_arguments_are_repaired_by_the_lenient_parser(server: FakeServer) -> None:
    call: dict[str, object] = {
        "id": "c",
        "type": "function",
        "function": {"name": "read_file", "arguments": "{'path': 'a.py'"},
    }
    server.push(completion("", tool_calls=[call]))
    reply = remote(server, model="m").complete(CONVERSATION, tools=[READ])
    assert [(c.name, c.arguments) for c in reply.tool_calls] == [("read_file", {"path": "a.py"})]


def test_a_tool_call_leaking_into_the_text_is_parsed(server: FakeServer) -> None:
    leaked = 'Let me look.\n<tool_call>\n{"name": "read_file", "arguments": {"path": "a.py"}}\n</tool_call>'
    server.push(completion(leaked))
    reply = remote(server, model="m").complete(CONVERSATION, tools=[READ])
    assert [(c.name, c.arguments) for c in reply.tool_calls] == [("read_file", {"path": "a.py"})]
    assert reply.text == "Let me look." and reply.raw_text == leaked and reply.finish_reason == "tool_calls"


def test_a_call_written_as_bare_json_is_parsed(server: FakeServer) -> None:
    server.push(completion('{"name": "read_file", "arguments": {"path": "b.py"}}'))
    reply = remote(server, model="m").complete(CONVERSATION, tools=[READ])
    assert [(c.name, c.arguments) for c in reply.tool_calls] == [("read_file", {"path": "b.py"})]


def test_bare_json_that_is_not_a_call_stays_text(server: FakeServer) -> None:
    server.push(completion('{"answer": 4}'))
    reply = remote(server, model="m").complete(CONVERSATION, tools=[READ])
    assert reply.text == '{"answer": 4}' and not reply.tool_calls


def test_an_answer_left_in_reasoning_content_is_used(server: FakeServer) -> None:
    server.push(completion("", reasoning="The answer is 4."))
    server.push(completion(None, reasoning='<tool_call>{"name": "read_file", "arguments": {"path": "c.py"}}'))
    model = remote(server, model="m")
    assert model.complete([Message.user("2+2?")]).text == "The answer is 4."
    reply = model.complete(CONVERSATION, tools=[READ])
    assert [(c.name, c.arguments) for c in reply.tool_calls] == [("read_file", {"path": "c.py"})]


def test_reasoning_is_ignored_when_there_is_content(server: FakeServer) -> None:
    server.push(completion("4", reasoning="2 and 2 make 4"))
    assert remote(server, model="m").complete([Message.user("2+2?")]).text == "4"


def test_logprobs_are_requested_and_read(server: FakeServer) -> None:
    server.push(completion("Hi!", logprobs=[("Hi", -0.25), ("!", -0.75)]))
    reply = remote(server, model="m").complete([Message.user("hi")], sampling=Sampling(logprobs=True))
    assert [(t.token, t.logprob) for t in reply.logprobs or ()] == [("Hi", -0.25), ("!", -0.75)]
    assert reply.mean_logprob == -0.5
    assert server.chat_requests[0]["logprobs"] is True and server.chat_requests[0]["top_logprobs"] == 1


def test_sampling_extras_are_sent_when_sampling_is_not_greedy(server: FakeServer) -> None:
    server.push(completion("ok"))
    sampling = Sampling(temperature=0.7, top_k=20, min_p=0.1, repeat_penalty=1.1)
    remote(server, model="m").complete([Message.user("hi")], sampling=sampling)
    sent = server.chat_requests[0]
    assert (sent["temperature"], sent["top_k"], sent["min_p"], sent["repeat_penalty"]) == (0.7, 20, 0.1, 1.1)


def test_streaming_passes_each_piece_and_reads_usage(server: FakeServer) -> None:
    events: list[object] = [
        chunk("Hel"),
        chunk("lo"),
        chunk(" there"),
        chunk(finish="stop"),
        usage_chunk(9, 3),
    ]
    server.push(Answer(events=events))
    pieces: list[str] = []
    reply = remote(server, model="m").complete([Message.user("hi")], on_token=pieces.append)
    assert pieces == ["Hel", "lo", " there"] and reply.text == "Hello there"
    assert (reply.usage.prompt_tokens, reply.usage.completion_tokens) == (9, 3)
    sent = server.chat_requests[0]
    assert sent["stream"] is True and sent["stream_options"] == {"include_usage": True}


def test_streamed_tool_call_deltas_are_assembled(server: FakeServer) -> None:
    start = [
        {"index": 0, "id": "call_1", "type": "function", "function": {"name": "read_file", "arguments": ""}}
    ]
    rest = [{"index": 0, "function": {"arguments": '{"path": '}}]
    end = [{"index": 0, "function": {"arguments": '"d.py"}'}}]
    events: list[object] = [
        chunk(tool_calls=start),
        chunk(tool_calls=rest),
        chunk(tool_calls=end),
        chunk(finish="tool_calls"),
    ]
    server.push(Answer(events=events))
    reply = remote(server, model="m").complete(CONVERSATION, tools=[READ], on_token=lambda _: None)
    assert reply.tool_calls == (ToolCall(id="call_1", name="read_file", arguments={"path": "d.py"}),)
    assert reply.usage.prompt_tokens > 0  # no usage chunk: estimated


def test_a_streamed_answer_left_in_reasoning_is_passed_on_once(server: FakeServer) -> None:
    server.push(Answer(events=[chunk(reasoning="It is "), chunk(reasoning="4."), chunk(finish="stop")]))
    pieces: list[str] = []
    reply = remote(server, model="m").complete([Message.user("2+2?")], on_token=pieces.append)
    assert reply.text == "It is 4." and pieces == ["It is 4."]


SCHEMA: dict[str, object] = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        (
            "json_schema",
            {
                "response_format": {
                    "type": "json_schema",
                    "json_schema": {"name": "reply", "schema": SCHEMA, "strict": False},
                }
            },
        ),
        ("json_object", {"response_format": {"type": "json_object", "schema": SCHEMA}}),
        ("gbnf", {"grammar": Grammar.from_json_schema(SCHEMA).gbnf}),
        ("none", {}),
    ],
)
def test_a_grammar_is_sent_in_the_configured_form(
    server: FakeServer, form: str, expected: dict[str, object]
) -> None:
    server.push(completion('{"n": 1}'))
    model = remote(server, model="m", grammar_format=form)
    model.complete([Message.user("a number")], grammar=Grammar.from_json_schema(SCHEMA))
    sent = server.chat_requests[0]
    assert {k: sent[k] for k in ("response_format", "grammar") if k in sent} == expected


def test_a_grammar_without_a_schema_is_only_sent_as_gbnf(server: FakeServer) -> None:
    server.push(completion("yes"), completion("yes"))
    choice = Grammar.choice(["yes", "no"])
    remote(server, model="m").complete([Message.user("?")], grammar=choice)
    remote(server, model="m", grammar_format="gbnf").complete([Message.user("?")], grammar=choice)
    first, second = server.chat_requests
    assert "response_format" not in first and "grammar" not in first
    assert second["grammar"] == choice.gbnf


def test_a_refused_optional_field_is_dropped_and_not_sent_again(server: FakeServer) -> None:
    # what llama-cpp-python's server answers to a json_schema response_format
    refusal = "1 validation error: {'type': 'literal_error', 'loc': ('body', 'response_format', 'type')}"
    server.push(error(500, refusal), completion('{"n": 2}'), completion('{"n": 3}'))
    sleeps: list[float] = []
    model = remote(server, model="m", retry=RetryPolicy(attempts=3, sleep=sleeps.append))
    grammar = Grammar.from_json_schema(SCHEMA)
    assert model.complete([Message.user("n")], grammar=grammar).text == '{"n": 2}'
    assert model.complete([Message.user("n")], grammar=grammar).text == '{"n": 3}'
    first, second, third = server.chat_requests
    assert "response_format" in first and "response_format" not in second and "response_format" not in third
    assert model.unsupported_fields == {"response_format"} and sleeps == []  # dropped at once, not backed off


def test_token_counts_err_high_and_grow_with_content_and_tools(server: FakeServer) -> None:
    model = remote(server, model="m", probe=False)
    short = model.count_tokens([Message.user("hi")])
    text = "def add(a, b):\n    return a + b\n" * 20
    long = model.count_tokens([Message.user(text)])
    assert long >= len(text) / 3 and long > short
    assert model.count_tokens([Message.user("hi")], [READ]) > short + len(json.dumps(READ.to_openai())) // 4
