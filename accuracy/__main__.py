"""`python -m accuracy [--json]`: the held-out accuracy table (see accuracy/README.md)."""
from __future__ import annotations

import argparse
import json
import sys

from .evaluate import evaluate
from .report import as_json, format_table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m accuracy", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    result = evaluate()
    print(json.dumps(as_json(result)) if args.json else format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
