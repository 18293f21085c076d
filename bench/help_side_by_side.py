"""``aarshjul --help`` from two checkouts, side by side (docs/benchmarks.md, "Help in Danish").

    git -C /work/main worktree add /tmp/before main   # or: git archive main | tar -x -C /tmp/before
    python bench/help_side_by_side.py /tmp/before . --runs 40

Each run is a whole process with the same interpreter, only ``PYTHONPATH`` differing; the two
checkouts alternate run by run, so a busy machine slows both alike. Reports the median and
minimum of wall time and of CPU time (user + system of the child: what the process itself
spends, less disturbed by other load on the machine).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

CASES = (("--help",), ("--lang", "en", "--help"), ("item", "add", "--help"))
CODE = "import sys; sys.argv[0] = 'aarshjul'; from aarshjul.cli import main; main()"


def once(tree: str, args: tuple[str, ...]) -> tuple[float, float]:
    env = {k: v for k, v in os.environ.items() if k != "AARSHJUL_LANG"}
    env["PYTHONPATH"] = os.path.abspath(tree)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # -P: the current directory is not put first on sys.path (it would shadow PYTHONPATH
    # when run from a checkout)
    subprocess.run([sys.executable, "-P", "-c", CODE, *args], env=env,
                   stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--runs", type=int, default=40)
    options = parser.parse_args()
    trees = {"before": options.before, "after": options.after}
    print("| command | checkout | wall median | wall min | CPU median | CPU min |")
    print("|---|---|---:|---:|---:|---:|")
    for args in CASES:
        walls: dict[str, list[float]] = {k: [] for k in trees}
        cpus: dict[str, list[float]] = {k: [] for k in trees}
        for run in range(options.runs + 3):  # 3 warm-up rounds: .pyc files, the disk cache
            for name, tree in trees.items():
                wall, cpu = once(tree, args)
                if run >= 3:
                    walls[name].append(wall)
                    cpus[name].append(cpu)
        for name in trees:
            w, c = walls[name], cpus[name]
            print(f"| `aarshjul {' '.join(args)}` | {name} | {statistics.median(w) * 1000:.1f} ms"
                  f" | {min(w) * 1000:.1f} ms | {statistics.median(c) * 1000:.1f} ms"
                  f" | {min(c) * 1000:.1f} ms |")


if __name__ == "__main__":
    main()
