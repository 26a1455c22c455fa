"""Supervisor for one command: ``python -I -S _reaper.py STATUS_FD TIMEOUT GRACE SHELL COMMAND CONFIG``.

Standard library only, started by path so the smallcode package is never imported here. On Linux
it makes itself a child subreaper, so every process the command starts stays its descendant even
after double forks and ``setsid``; at the timeout, or when the command exits and leaves background
jobs behind, it stops and kills all of them.

Where the kernel offers Landlock it also confines itself, and so the command, before starting it
(CONFIG is JSON: ``writable`` paths, ``network`` flag): file writes only beneath the writable paths,
no TCP unless the network is allowed, no signals to processes outside the sandbox, and no access to
their memory or environment (Landlock's ptrace rule covers ``/proc/PID/environ``).

It reports on STATUS_FD: ``sandbox ABI`` (0 when not confined), ``pgid N`` once the command
started, then ``exit CODE``, ``timeout`` or ``error MESSAGE``.
"""

import contextlib
import ctypes
import json
import os
import select
import signal
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38
PR_CAPBSET_DROP = 24
# Capabilities a root-run command loses: they would let it reach outside the sandbox (ptrace and
# /proc access to other processes, mounts, raw devices, kernel modules, signalling any process).
# CAP_SETPCAP (8) goes last: it is what allows dropping the others.
DROPPED_CAPABILITIES = (19, 21, 16, 22, 17, 27, 12, 25, 34, 33, 32, 39, 38, 18, 9, 30, 5, 8)
SYS_CREATE_RULESET, SYS_ADD_RULE, SYS_RESTRICT_SELF = 444, 445, 446
RULE_PATH_BENEATH = 1
FS_WRITE_FILE, FS_READ_FILE, FS_EXECUTE = 1 << 1, 1 << 2, 1 << 0
# REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR, MAKE_REG, MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM.
FS_MAKE_AND_REMOVE = sum(1 << bit for bit in range(4, 13))
FS_REFER, FS_TRUNCATE = 1 << 13, 1 << 14
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1


def _libc() -> "ctypes.CDLL | None":
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        return libc
    except OSError:
        return None


def become_subreaper(libc: "ctypes.CDLL | None") -> bool:
    return libc is not None and int(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)) == 0


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = (("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32))


def confine(libc: "ctypes.CDLL | None", writable: "list[str]", network: bool) -> int:
    """Apply a Landlock ruleset to this process (inherited by the command); returns the ABI used."""
    if libc is None:
        return 0
    abi = int(libc.syscall(SYS_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1)))
    if abi < 1:
        return 0
    handled = FS_WRITE_FILE | FS_MAKE_AND_REMOVE
    if abi >= 2:
        handled |= FS_REFER
    if abi >= 3:
        handled |= FS_TRUNCATE
    fields = [handled]
    if abi >= 4:
        fields.append(0 if network else NET_BIND_TCP | NET_CONNECT_TCP)
    if abi >= 6:
        fields.append(SCOPE_SIGNAL | SCOPE_ABSTRACT_UNIX_SOCKET)
    attr = (ctypes.c_uint64 * len(fields))(*fields)
    ruleset = int(libc.syscall(SYS_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)),
                               ctypes.c_uint32(0)))  # fmt: skip
    if ruleset < 0:
        return 0
    try:
        for path in writable:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                is_dir = os.path.isdir(f"/proc/self/fd/{fd}")
                allowed = handled if is_dir else handled & (FS_WRITE_FILE | FS_TRUNCATE)
                rule = _PathBeneath(allowed, fd)
                libc.syscall(SYS_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(RULE_PATH_BENEATH),
                             ctypes.byref(rule), ctypes.c_uint32(0))  # fmt: skip
            finally:
                os.close(fd)
        if os.geteuid() == 0:
            for capability in DROPPED_CAPABILITIES:
                libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)
        if int(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) != 0:
            return 0
        if int(libc.syscall(SYS_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0))) != 0:
            return 0
    finally:
        os.close(ruleset)
    return abi


def descendants(ancestor: int) -> list[int]:
    """Every live (non-zombie) process below ``ancestor``, read from /proc; empty without /proc."""
    parents: dict[int, int] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return []
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                raw = handle.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses; the fields after the last ')' cannot.
        fields = raw[raw.rfind(b")") + 2 :].split()
        if len(fields) > 1 and fields[0] != b"Z":
            parents[int(name)] = int(fields[1])
    found: list[int] = []
    frontier = [ancestor]
    while frontier:
        current = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == current:
                found.append(pid)
                frontier.append(pid)
    return found


def signal_all(pids: list[int], pgid: int, signum: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pgid, signum)
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signum)


class Children:
    """Reaps every child (the command and adopted orphans), remembering the command's status."""

    def __init__(self, command_pid: int) -> None:
        self.command_pid = command_pid
        self.code: int | None = None

    def reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid == self.command_pid:
                code = os.waitstatus_to_exitcode(status)
                self.code = code if code >= 0 else 128 - code

    @property
    def finished(self) -> bool:
        return self.code is not None


def wait_for(children: Children, timeout: float) -> bool:
    """True when the command exited within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    pidfd = -1
    with contextlib.suppress(OSError, AttributeError):
        pidfd = os.pidfd_open(children.command_pid)
    try:
        while True:
            children.reap()
            if children.finished:
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if pidfd >= 0:
                select.select([pidfd], [], [], min(left, 0.5))
            else:
                time.sleep(min(left, 0.01))
    finally:
        if pidfd >= 0:
            os.close(pidfd)


def kill_tree(me: int, pgid: int, grace: float, children: Children) -> None:
    """SIGTERM everything, allow ``grace`` seconds, then stop and SIGKILL until nothing is left."""
    signal_all(descendants(me), pgid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        children.reap()
        if not descendants(me):
            break
        time.sleep(0.02)
    for _ in range(500):
        children.reap()
        alive = descendants(me)
        if not alive:
            try:
                os.killpg(pgid, 0)
            except OSError:
                break
        # Stopping first keeps a forking process from outrunning the kills.
        signal_all(alive, pgid, signal.SIGSTOP)
        signal_all(descendants(me), pgid, signal.SIGKILL)
        time.sleep(0.005)
    children.reap()


def main() -> int:
    status_fd, timeout, grace = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
    shell, command, config = sys.argv[4], sys.argv[5], json.loads(sys.argv[6])
    os.set_inheritable(status_fd, False)
    status = os.fdopen(status_fd, "w", buffering=1)
    libc = _libc()
    become_subreaper(libc)
    abi = confine(libc, config["writable"], config["network"]) if config["contain"] else 0
    status.write(f"sandbox {abi}\n")
    try:
        pid = os.posix_spawn(shell, [shell, "-c", command], os.environ, setsid=True)
    except OSError as exc:
        status.write(f"error {exc}\n")
        return 0
    status.write(f"pgid {pid}\n")
    children = Children(pid)
    finished = wait_for(children, timeout)
    # Background jobs left by a finished command get a short grace; a timed-out command the full one.
    kill_tree(os.getpid(), pid, grace if not finished else min(grace, 0.2), children)
    status.write(f"exit {children.code}\n" if finished else "timeout\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
