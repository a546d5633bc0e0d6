"""``python -m bench`` runs every benchmark; ``python -m bench emit startup`` only those."""
from __future__ import annotations

import importlib
import sys

# One line per benchmark module (bench/<name>.py exposing run() -> list[Figure]).
MODULES = [
    "draft",
    "emit",
    "framework_check",
    "ingest",
    "startup",
]


def main(argv: list[str]) -> int:
    chosen = argv or MODULES
    unknown = [name for name in chosen if name not in MODULES]
    if unknown:
        print(f"unknown benchmark: {', '.join(unknown)} (known: {', '.join(MODULES)})", file=sys.stderr)
        return 2
    for name in chosen:
        module = importlib.import_module(f"bench.{name}")
        for figure in module.run():
            print(figure.line(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
