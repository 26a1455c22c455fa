import argparse
from pathlib import Path

from logtool.pipeline import process


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="logtool")
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    for line in process(args.paths, args.limit):
        print(line)
    return 0
