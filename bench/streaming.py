"""Peak memory and time of the streaming commands, before and after (issue 19, points 2 and 3).

Runs ``item list``, ``item list --json``, ``calendar export``, ``audit verify --full`` and
``audit verify`` after one new entry (an ``advance``) as whole processes under GNU time (peak
RSS), with the code of a given source tree (``--code``: this worktree, or an older commit
unpacked with ``git archive``), against a data set made by ``bench/generate.py`` with that same
code. Each command's output is kept as a SHA-256, so that two runs show whether the output stayed
byte for byte the same. One JSON result per run; ``--table`` turns several into the Markdown
table in docs/benchmarks.md.

    git archive 88509ac | tar -x -C /tmp/before
    (cd /tmp/before && PYTHONPATH=. python bench/generate.py --items 10000 --db /tmp/b10k.db)
    python bench/streaming.py --code /tmp/before --db /tmp/b10k.db --label before > before.json
    python bench/generate.py --items 10000 --db /tmp/a10k.db
    python bench/streaming.py --code . --db /tmp/a10k.db --label after > after.json
    python bench/streaming.py --table before.json after.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

NOW = "2027-03-01T10:00"
ACTOR = "k101-sek"
MAIN = "import sys; from aarshjul.cli.root import main; sys.argv[0] = 'aarshjul'; main()"
UNGUARDED = ("droeftelse", "kvalificering", "udmoentning", "planlagt", "i-gang", "gennemfoert")


def run(code: Path, db: str, args: Sequence[str], out: Path) -> dict[str, Any]:
    """One whole process: seconds, peak RSS (MB), exit code, SHA-256 of stdout."""
    with tempfile.NamedTemporaryFile() as rss, out.open("wb") as stdout:
        cmd = ["/usr/bin/time", "-q", "-f", "%M", "-o", rss.name, sys.executable, "-c", MAIN,
               "--db", db, "--now", NOW, "--as", ACTOR, *args]
        started = time.perf_counter()
        proc = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, cwd=code, check=False,
                              env={**os.environ, "PYTHONPATH": str(code)})
        seconds = time.perf_counter() - started
        peak = int(Path(rss.name).read_text().split()[-1]) / 1024
    return {"seconds": round(seconds, 3), "rss_mb": round(peak, 1), "exit": proc.returncode,
            "stderr": proc.stderr.decode(errors="replace")[-300:],
            "sha256": hashlib.sha256(out.read_bytes()).hexdigest()}


def measure(code: Path, db: str, args: Sequence[str], reps: int, out: Path,
            produced: Path | None = None) -> dict[str, Any]:
    runs = [run(code, db, args, out) for _ in range(reps)]
    result = {"args": list(args), "median_s": statistics.median(r["seconds"] for r in runs),
              "min_s": min(r["seconds"] for r in runs), "max_s": max(r["seconds"] for r in runs),
              "rss_mb": max(r["rss_mb"] for r in runs), "exit": runs[-1]["exit"],
              "stderr": runs[-1]["stderr"], "sha256": runs[-1]["sha256"]}
    if produced is not None:
        result["sha256"] = hashlib.sha256(produced.read_bytes()).hexdigest()
    print(f"  {' '.join(args)}: {result['median_s']} s, {result['rss_mb']} MB, "
          f"exit {result['exit']}", file=sys.stderr, flush=True)
    return result


def figures(code: Path, db: str, reps: int, label: str) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="aarshjul-streaming-"))
    out, ics = work / "stdout", work / "export.ics"
    from sqlalchemy import create_engine, text

    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    with engine.connect() as conn:
        items = conn.scalar(text("SELECT count(*) FROM items"))
        entries = conn.scalar(text("SELECT count FROM audit_head"))
        states = ", ".join(f"'{state}'" for state in UNGUARDED)
        ref = conn.scalar(text(f"SELECT ref FROM items WHERE NOT paused AND state IN ({states}) "
                               "ORDER BY sort_key LIMIT 1"))
    engine.dispose()
    backend = "postgresql" if db.startswith("postgresql") else "sqlite"
    new = (code / "aarshjul" / "store" / "audit_checkpoints.py").exists()
    found: dict[str, Any] = {"label": label, "items": items, "audit_entries": entries,
                             "backend": backend, "figures": {}}
    f = found["figures"]
    f["item list"] = measure(code, db, ["item", "list"], reps, out)
    f["item list --json"] = measure(code, db, ["item", "list", "--json"], reps, out)
    f["calendar export"] = measure(code, db, ["calendar", "export", str(ics)], reps, out, ics)
    if new:
        f["audit verify --full"] = measure(code, db, ["audit", "verify", "--full"], 1, out)
        run(code, db, ["audit", "verify"], out)  # leaves a checkpoint at the end
        run(code, db, ["advance", ref], out)
        f["audit verify (1 new entry)"] = measure(code, db, ["audit", "verify"], 1, out)
    else:
        f["audit verify --full"] = measure(code, db, ["audit", "verify"], 1, out)
        run(code, db, ["advance", ref], out)
        f["audit verify (1 new entry)"] = measure(code, db, ["audit", "verify"], 1, out)
    for path in (out, ics):
        path.unlink(missing_ok=True)
    work.rmdir()
    return found


def table(results: Sequence[dict[str, Any]]) -> str:
    """Markdown: one row per command and data set, before and after side by side."""
    by: dict[tuple[str, str, int], dict[str, dict[str, Any]]] = {}
    for r in results:
        for figure, value in r["figures"].items():
            key = (figure, r.get("backend", "sqlite"), r["items"])
            by.setdefault(key, {})[r["label"]] = value
    lines = ["| command | backend | items | before: time | before: peak RSS | after: time | "
             "after: peak RSS | output |",
             "|---|---|---:|---:|---:|---:|---:|---|"]
    for (figure, backend, items), runs in sorted(by.items(),
                                                 key=lambda kv: (kv[0][1], kv[0][2], kv[0][0])):
        b, a = runs.get("before"), runs.get("after")

        def cell(v: dict[str, Any] | None) -> tuple[str, str]:
            if v is None:
                return "", ""
            return f"{v['median_s']:.2f} s", f"{v['rss_mb']:.0f} MB"

        same = ("identical" if b and a and b["sha256"] == a["sha256"] else
                "differs" if b and a else "")
        if figure.startswith("audit verify"):
            same = "-"  # the message changed on purpose (docs/audit.md)
        lines.append(f"| `{figure}` | {backend} | {items:,} | {' | '.join(cell(b))} | "
                     f"{' | '.join(cell(a))} | {same} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, help="The source tree whose aarshjul runs.")
    parser.add_argument("--db", help="A data set from bench/generate.py, a SQLite path or a "
                                     "PostgreSQL URL (it is changed: one advance).")
    parser.add_argument("--label", default="after")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--table", nargs="+", metavar="JSON", help="Print the Markdown table.")
    args = parser.parse_args(argv)
    if args.table:
        print(table([json.loads(Path(p).read_text()) for p in args.table]))
        return 0
    if not args.code or not args.db:
        parser.error("--code and --db are needed (or --table)")
    json.dump(figures(args.code.resolve(), args.db, args.reps, args.label), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
