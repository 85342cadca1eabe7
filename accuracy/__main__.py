"""`python -m accuracy [--json] [--date-misses]`: the held-out accuracy table (see accuracy/README.md)."""
from __future__ import annotations

import argparse
import json
import sys

from .evaluate import evaluate
from .report import as_json, format_table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m accuracy", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--date-misses", action="store_true",
                        help="also list the pages whose date was not read right (this set's dates are dev data)")
    args = parser.parse_args(argv)
    result = evaluate()
    print(json.dumps(as_json(result)) if args.json else format_table(result))
    if args.date_misses:
        for miss in result["date_misses"]:
            print(f"  {miss['outcome']:9} {miss['id']}: read {miss['read']}, labelled {miss['labelled']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
