"""Workspace.run: closed stdin, scrubbed environment, capped output, and a timeout that kills the
whole process tree, including children that ignore SIGTERM, fork again or start new sessions."""

from __future__ import annotations

import os
import secrets
import shlex
import sys
from pathlib import Path

import pytest

from smallcode import SandboxViolation, ToolError, Workspace
from smallcode.workspace import CommandPolicy, CommandResult
from smallcode.workspace.commands import OutputBuffer, sandbox_abi, scrub_env

PY = shlex.quote(sys.executable)


def alive_with(marker: str) -> list[int]:
    """Live (non-zombie) processes whose command line contains ``marker``."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{name}/cmdline").read_bytes()
            state = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if marker.encode() in cmdline and state != "Z":
            found.append(int(name))
    return found


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    root = tmp_path / "root"
    root.mkdir()
    return Workspace(root)


def test_exit_code_and_merged_output(ws: Workspace) -> None:
    result = ws.run("echo out; echo err >&2; exit 3")
    assert isinstance(result, CommandResult)
    assert (result.exit_code, result.timed_out, result.ok) == (3, False, False)
    assert result.output == "out\nerr\n"
    assert result.command == "echo out; echo err >&2; exit 3"
    assert "[exit code 3]" in result.render() and result.render().startswith("$ echo out")


def test_runs_in_the_root(ws: Workspace) -> None:
    (ws.root / "marker.txt").write_text("here")
    assert ws.run("pwd; cat marker.txt").output == f"{ws.root}\nhere"


def test_stdin_is_closed_so_interactive_programs_fail_fast(ws: Workspace) -> None:
    result = ws.run('read answer; echo "got:$answer:$?"; cat', timeout=20)
    assert not result.timed_out
    assert result.output.startswith("got::1")


def test_output_keeps_head_and_tail_with_a_marker(tmp_path: Path) -> None:
    ws = Workspace(tmp_path, max_output_chars=2000)
    result = ws.run("seq 1 100000")
    assert result.truncated and result.exit_code == 0
    assert result.output.startswith("1\n2\n3\n")
    assert result.output.endswith("99999\n100000\n")
    assert "bytes of output omitted" in result.output
    assert len(result.output) < 2100


def test_output_buffer_counts_what_it_drops() -> None:
    buffer = OutputBuffer(8)
    for chunk in (b"abc", b"defgh", b"ijklmnop"):
        buffer.feed(chunk)
    assert buffer.truncated and buffer.total == 16
    assert buffer.text() == "ab\n[... 8 bytes of output omitted ...]\nklmnop"
    small = OutputBuffer(100)
    small.feed(b"tiny")
    assert small.text() == "tiny" and not small.truncated


def test_environment_is_scrubbed(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-leak-1")
    monkeypatch.setenv("GITHUB_TOKEN", "ghp-leak-2")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "aws-leak-3")
    monkeypatch.setenv("HOME_TOKEN_DIR", "leak-4")  # safe-looking prefix, secret-looking name
    monkeypatch.setenv("LC_SECRET_KEY", "leak-5")
    output = ws.run("env").output
    assert "leak" not in output
    assert "PATH=" in output and "CI=1" in output and "TERM=dumb" in output


def test_env_allow_lets_a_named_variable_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghp-wanted")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-unwanted")
    ws = Workspace(tmp_path, policy=CommandPolicy(env_allow=["GITHUB_TOKEN"]))
    output = ws.run("env").output
    assert "GITHUB_TOKEN=ghp-wanted" in output and "sk-unwanted" not in output
    assert scrub_env({"A_TOKEN": "x", "PATH": "/bin"}, ["A_TOKEN"])["A_TOKEN"] == "x"


def test_timeout_kills_children_that_ignore_sigterm_and_fork(ws: Workspace) -> None:
    marker = f"9{secrets.randbelow(10**6)}.{secrets.randbelow(10**6)}"
    script = f"""
trap '' TERM
for i in 1 2 3; do
  ( trap '' TERM; sleep {marker} ) &
  echo $! >> pids
done
( trap '' TERM; setsid sh -c 'trap "" TERM; echo $$ >> pids; sleep {marker}' & )
( ( trap '' TERM; echo $BASHPID >> pids; exec sleep {marker} ) & )
sh -c 'trap "" TERM; echo $$ >> pids; sleep {marker}' &
sleep 0.3
echo started
sleep {marker}
"""
    (ws.root / "tree.sh").write_text(script)
    result = ws.run("bash tree.sh", timeout=2)
    assert result.timed_out and result.exit_code is None
    assert result.output == "started\n"
    started = [int(p) for p in (ws.root / "pids").read_text().split()]
    assert len(started) == 6
    assert alive_with(marker) == []
    for pid in started:
        assert (
            not Path(f"/proc/{pid}/cmdline").exists()
            or marker.encode() not in Path(f"/proc/{pid}/cmdline").read_bytes()
        )


def test_background_jobs_do_not_outlive_the_command(ws: Workspace) -> None:
    marker = f"8{secrets.randbelow(10**6)}.5"
    result = ws.run(f"(sleep {marker} &) ; nohup sleep {marker} >/dev/null 2>&1 & echo done")
    assert result.ok and result.output == "done\n"
    assert alive_with(marker) == []


def test_refused_command_raises_and_does_not_run(ws: Workspace) -> None:
    with pytest.raises(SandboxViolation, match="writes outside the workspace"):
        ws.run("echo x > ../escaped.txt")
    assert not (ws.root.parent / "escaped.txt").exists()
    with pytest.raises(ToolError, match="empty"):
        ws.run("   ")


def test_ask_consults_the_approval_callback(tmp_path: Path) -> None:
    asked: list[tuple[str, str]] = []

    def approve(command: str, reason: str) -> bool:
        asked.append((command, reason))
        return command.endswith("yes")

    ws = Workspace(tmp_path, policy=CommandPolicy(ask=["echo *"], approve=approve))
    assert ws.run("echo yes").output == "yes\n"
    with pytest.raises(SandboxViolation, match="not approved"):
        ws.run("echo no")
    assert [c for c, _ in asked] == ["echo yes", "echo no"]
    assert "ask rule" in asked[0][1]
    unattended = Workspace(tmp_path, policy=CommandPolicy(ask=["echo *"]))
    with pytest.raises(SandboxViolation, match="not approved"):
        unattended.run("echo yes")


def test_policy_caps_the_timeout(tmp_path: Path) -> None:
    ws = Workspace(tmp_path, policy=CommandPolicy(max_timeout=0.5))
    result = ws.run("sleep 5", timeout=60)
    assert result.timed_out and result.exit_code is None


def test_contained_command_writes_only_inside(ws: Workspace) -> None:
    outside = ws.root.parent / "outside.txt"
    code = f"open({str(outside)!r}, 'w').write('x')"
    result = ws.run(f"{PY} -c {shlex.quote(code)}; echo inside > inside.txt; touch $TMPDIR/t && echo tmp-ok")
    assert (ws.root / "inside.txt").read_text() == "inside\n"
    assert "tmp-ok" in result.output
    if result.contained:
        assert "PermissionError" in result.output
        assert not outside.exists()
    else:  # no Landlock in this kernel: the policy is the only guard
        assert outside.exists()


def test_contained_command_cannot_connect_or_signal_outside(ws: Workspace) -> None:
    code = (
        "import os, signal, socket\n"
        "try:\n    socket.create_connection(('127.0.0.1', 9), timeout=2)\nexcept OSError as e:\n"
        "    print('connect', e.errno)\n"
        f"try:\n    os.kill({os.getpid()}, 0)\n    print('signal ok')\nexcept OSError as e:\n"
        "    print('signal', e.errno)\n"
    )
    (ws.root / "probe.py").write_text(code)
    result = ws.run(f"{PY} probe.py")
    abi = sandbox_abi() if result.contained else 0
    if abi >= 4:
        assert "connect 13" in result.output  # EACCES from Landlock, not a refused connection
    if abi >= 6:
        assert "signal 1" in result.output  # EPERM: the agent's process is outside the sandbox
    else:
        assert "signal ok" in result.output
