"""Kill rate per module from `mutmut results --all true` (read on standard input). A mutant that
makes the tests time out counts as killed, as in mutmut's own score."""

from __future__ import annotations

import collections
import sys


def main() -> None:
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for line in sys.stdin:
        name, _, status = line.strip().rpartition(": ")
        if name:
            counts[name.split(".x")[0]][status] += 1
    print("| Module | Mutants | Killed | Survived | Kill rate |")
    print("|---|---|---|---|---|")
    total: collections.Counter[str] = collections.Counter()
    for module, c in [*sorted(counts.items()), ("all", total)]:
        if module != "all":
            total.update(c)
        n = sum(c.values())
        killed = c["killed"] + c["timeout"]
        rate = 100 * killed / n if n else 0.0
        print(f"| {module} | {n} | {killed} | {c['survived']} | {rate:.1f} % |")


if __name__ == "__main__":
    main()
