"""Count lines, words and bytes, like wc."""

import argparse
import sys
from pathlib import Path


def counts(data: bytes) -> tuple[int, int, int]:
    return data.count(b"\n"), len(data.split()), len(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wc.py")
    parser.add_argument("-l", action="store_true", help="count lines")
    parser.add_argument("-w", action="store_true", help="count words")
    parser.add_argument("-c", action="store_true", help="count bytes")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    selected = (args.l, args.w, args.c)
    if not any(selected):
        selected = (True, True, True)
    status = 0
    totals = [0, 0, 0]
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            print(f"wc.py: {name}: No such file", file=sys.stderr)
            status = 1
            continue
        values = counts(path.read_bytes())
        totals = [a + b for a, b in zip(totals, values)]
        print(" ".join(str(v) for v, keep in zip(values, selected) if keep), name)
    if len(args.files) > 1:
        print(" ".join(str(v) for v, keep in zip(totals, selected) if keep), "total")
    return status


if __name__ == "__main__":
    sys.exit(main())
