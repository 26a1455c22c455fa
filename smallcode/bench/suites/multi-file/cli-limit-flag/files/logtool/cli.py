import argparse
from pathlib import Path

from logtool.pipeline import process


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="logtool")
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for line in process(args.paths):
        print(line)
    return 0
