from __future__ import annotations

from pathlib import Path

import pytest

from smallcode import Runtime, Sampling, prompts
from smallcode.bench.router import CASES, TimedModel, messages_for, router_for_bench, schema_tokens
from smallcode.routing import RoutedTurns, ToolRouter

pytestmark = pytest.mark.model

SYSTEM = prompts.SYSTEM + "\n" + prompts.NATIVE_RULES


def test_routing_sends_at_most_half_the_schema_tokens(runtime: Runtime, tmp_path: Path) -> None:
    figures = schema_tokens(runtime, router_for_bench(tmp_path))
    assert isinstance(figures["all_tools"], int) and figures["all_tools"] > 500
    assert isinstance(figures["routed_worst"], int) and figures["routed_worst"] <= figures["all_tools"] / 2


def test_routed_calls_of_the_real_model_are_well_formed(runtime: Runtime, tmp_path: Path) -> None:
    router = router_for_bench(tmp_path)
    for case in (CASES[0], CASES[14], CASES[29]):  # read, search, run
        messages = messages_for(case, SYSTEM)
        turn = router.route(runtime, messages, sampling=Sampling(max_tokens=96), constrain=True)
        assert turn.call is not None, turn.problems
        router.get(turn.call.name).validate(turn.call.arguments)


def test_without_speculation_every_part_is_sampled_under_a_grammar(runtime: Runtime, tmp_path: Path) -> None:
    router = ToolRouter(router_for_bench(tmp_path).tools, speculate=False)
    timed = TimedModel(runtime)
    turn = router.route(
        timed, messages_for(CASES[0], SYSTEM), sampling=Sampling(max_tokens=96), constrain=True
    )
    assert turn.call is not None and turn.call.name in CASES[0].expected
    router.get(turn.call.name).validate(turn.call.arguments)
    assert [t.constrained for t in timed.timings] == [True, True, True]  # category, tool name, arguments


def test_a_routed_write_puts_the_file_content_in_a_fenced_block(runtime: Runtime, tmp_path: Path) -> None:
    router = router_for_bench(tmp_path)
    case = CASES[20]  # Create a new file hello.py that prints 'Hello, world!'.
    turn = router.route(runtime, messages_for(case, SYSTEM), sampling=Sampling(max_tokens=96), constrain=True)
    assert turn.call is not None and turn.call.name == "write_file"
    content = turn.call.arguments["content"]
    assert isinstance(content, str) and "print" in content and "```" not in content


def test_routed_turns_drive_the_stage_protocol(runtime: Runtime, tmp_path: Path) -> None:
    router = router_for_bench(tmp_path)
    protocol = RoutedTurns(router)  # constrain=None: a Runtime is constrained
    case = CASES[29]  # Run the test suite.
    turn = protocol.next_turn(runtime, messages_for(case, SYSTEM), router.specs(), Sampling(max_tokens=64))
    assert turn.call is not None and turn.call.name in case.expected
