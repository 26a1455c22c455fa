"""The command policy's tables: which programs do what, and the patterns that give a command away."""

from __future__ import annotations

import re

SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "csh", "tcsh"}
INTERPRETERS = {
    "python",
    "python3",
    "python2",
    "node",
    "perl",
    "ruby",
    "php",
    "lua",
    "deno",
    "bun",
    *SHELLS,
}
PRIVILEGED = {
    "sudo", "su", "doas", "pkexec", "runuser", "chroot", "unshare", "nsenter", "setpriv", "capsh",
    "shutdown", "reboot", "halt", "poweroff", "init", "telinit", "systemctl", "service", "mount",
    "umount", "swapon", "swapoff", "fdisk", "sfdisk", "parted", "wipefs", "mkswap", "losetup", "insmod",
    "rmmod", "modprobe", "sysctl", "iptables", "ip6tables", "nft", "crontab", "at", "useradd", "userdel",
    "usermod", "passwd", "chpasswd", "visudo", "apt", "apt-get", "aptitude", "dpkg", "yum", "dnf", "apk",
    "pacman", "zypper", "snap", "flatpak", "brew", "port", "pkill", "killall",
}  # fmt: skip
DEBUGGERS = {"gdb", "lldb", "strace", "ltrace", "gcore", "pstack", "perf", "bpftrace"}
NETWORK = {
    "curl", "wget", "nc", "ncat", "netcat", "ssh", "scp", "sftp", "ftp", "telnet", "socat", "nmap",
    "aria2c", "lftp", "http", "https", "xh", "mosh", "ping", "dig", "nslookup", "whois", "host", "ngrok",
}  # fmt: skip
INSTALL_VERBS = {
    "pip": {"install", "download", "uninstall", "wheel"},
    "pip3": {"install", "download", "uninstall", "wheel"},
    "pipx": {"install", "run", "upgrade"},
    "uv": {"pip", "add", "sync", "remove", "tool", "run"},
    "poetry": {"add", "install", "update", "remove", "lock"},
    "pdm": {"add", "install", "update", "remove", "sync"},
    "conda": {"install", "update", "create", "remove"},
    "mamba": {"install", "update", "create", "remove"},
    "npm": {"install", "i", "ci", "add", "update", "up", "upgrade", "uninstall", "remove", "rm", "publish",
            "link", "exec"},
    "yarn": {"add", "install", "upgrade", "remove", "global", "dlx", "publish"},
    "pnpm": {"add", "install", "i", "update", "up", "remove", "rm", "dlx", "publish"},
    "bun": {"add", "install", "i", "update", "remove", "x"},
    "cargo": {"install", "add", "update", "publish", "fetch", "uninstall"},
    "go": {"get", "install"},
    "gem": {"install", "update", "uninstall"},
    "bundle": {"install", "update", "add"},
    "composer": {"install", "require", "update"},
}  # fmt: skip
ALWAYS_DOWNLOAD = {"npx", "pnpx", "bunx"}
SERVERS = {
    "uvicorn", "gunicorn", "hypercorn", "daphne", "nodemon", "http-server", "serve", "live-server",
    "webpack-dev-server", "jupyter", "jupyter-lab", "jupyter-notebook", "tensorboard", "watch", "top", "htop",
    "less", "more", "most", "man", "vi", "vim", "nvim", "nano", "emacs", "pico", "tmux", "screen",
}  # fmt: skip
SERVER_MODULES = {"http.server", "SimpleHTTPServer", "uvicorn", "gunicorn", "jupyter", "notebook", "IPython"}
SERVER_WORDS = {"runserver", "serve", "server", "start", "dev", "watch", "preview"}
GIT_READONLY = {
    "status", "diff", "log", "show", "blame", "grep", "ls-files", "ls-tree", "rev-parse", "describe",
    "shortlog", "cat-file", "rev-list", "whatchanged", "name-rev", "merge-base", "help", "version",
    "apply", "check-ignore", "var",
}  # fmt: skip
GIT_NETWORK = {"clone", "fetch", "pull", "push", "ls-remote", "submodule", "remote"}
DELETERS = {"rm", "rmdir", "unlink", "shred"}
ALL_ARGS_WRITTEN = {"rm", "rmdir", "unlink", "shred", "touch", "mkdir", "mv", "tee", "truncate", "mkfifo"}
FIRST_ARG_IS_SPEC = {"chmod", "chown", "chgrp", "chattr", "setfacl"}
DEST_WRITTEN = {"cp", "install", "rsync", "ln"}
# Options that take the next word as their value, per program (so the value is not a path).
VALUED: dict[str, set[str]] = {
    "cp": {"-t", "-S", "--suffix"},
    "mv": {"-t", "-S", "--suffix"},
    "ln": {"-t", "-S", "--suffix"},
    "install": {"-t", "-m", "-o", "-g", "-S", "--mode", "--owner", "--group", "--suffix"},
    "mkdir": {"-m", "--mode"},
    "truncate": {"-s", "-r", "--size", "--reference"},
    "rsync": {"-e", "--rsh"},
    "env": {"-u", "-C", "--unset", "--chdir"},
    "timeout": {"-s", "-k", "--signal", "--kill-after"},
    "nice": {"-n", "--adjustment"},
    "stdbuf": {"-i", "-o", "-e"},
    "ionice": {"-c", "-n", "-p"},
    "xargs": {"-I", "-n", "-P", "-L", "-s", "-d", "-E", "-a", "-i"},
    "exec": {"-a"},
    "time": {"-f", "-o"},
    "kill": {"-s", "-n"},
    "cd": set(),
}
WRAPPERS = {"command", "builtin", "exec", "nohup", "nice", "time", "timeout", "stdbuf", "setsid", "ionice",
             "env", "xargs", "chronic", "unbuffer"}  # fmt: skip
FORK_BOMB = re.compile(r"(\S+)\s*\(\s*\)\s*\{[^}]*\1\s*\|\s*\1")
PROCESS_SECRETS = re.compile(r"(^|/)(environ|mem|kmem|kcore|auxv)(/|$)")
CREDENTIALS = re.compile(
    r"(^|/)(\.ssh|\.aws|\.gnupg|\.kube|\.azure|\.netrc|\.git-credentials|\.npmrc|\.pypirc|\.docker/config\.json"
    r"|\.config/(gh|gcloud)|shadow|gshadow|sudoers)(/|$)"
)
SAFE_SINKS = {"/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty"}
