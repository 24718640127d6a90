"""Complexity gate: no function in the given folders above cyclomatic complexity 15, as radon counts it.

Usage: python scripts/check_complexity.py [--limit N] [DIR ...]   (default: src hooks scripts)
Prints each offender as path:line name (complexity) and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class

DEFAULT_LIMIT = 15
DEFAULT_DIRS = ("src", "hooks", "scripts")


def offenders(paths: list[Path], limit: int) -> list[tuple[str, int, str, int]]:
    """(file, line, qualified name, complexity) of every function above the limit."""
    found = []
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for file in files:
            for block in cc_visit(file.read_text(encoding="utf-8")):
                # A class's own figure is the sum of its methods; the methods are checked one by one.
                units = block.methods if isinstance(block, Class) else [block]
                for unit in units:
                    if unit.complexity > limit:
                        found.append((str(file), unit.lineno, unit.fullname, unit.complexity))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT)
    parser.add_argument("dirs", nargs="*", default=list(DEFAULT_DIRS))
    args = parser.parse_args(argv)
    found = offenders([Path(d) for d in args.dirs], args.limit)
    for file, line, name, complexity in found:
        print(f"{file}:{line} {name} ({complexity}) is above {args.limit}: split it into named steps")
    if not found:
        print(f"complexity: every function is at most {args.limit}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
