"""``audit verify`` after one new entry (issue 19): wall and CPU time, peak RSS, and what the
database did, per run.

Each run first adds one entry (an ``advance`` of the next movable item of the data set's first
organisation, at a later ``--now`` each time) and then times ``aarshjul audit verify`` as a whole
process under GNU time: wall, user + system CPU of the process (the client; a PostgreSQL
server's work shows in the wall time only), peak RSS. One more run of the same command inside
this process lists every SQL statement with its time and rows, and on PostgreSQL the plan of
the count (``EXPLAIN (ANALYZE, BUFFERS)``), so the figures say where the time goes. A checkpoint
must exist first (a plain ``aarshjul audit verify`` once). ``--code`` is the source tree to run
(default: this one), for a *before* unpacked with ``git archive``.

    python bench/generate.py --items 100000 --db /tmp/audit_100k.db
    aarshjul --db /tmp/audit_100k.db --now 2027-03-01T10:00 audit verify     # the checkpoint
    python bench/audit_verify.py --db /tmp/audit_100k.db --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

MAIN = "import sys; from aarshjul.cli.root import main; sys.argv[0] = 'aarshjul'; main()"
#: The floor every command stands on: SQLAlchemy with its ORM (and the PostgreSQL driver).
FLOOR = {"sqlite": "import sqlalchemy.orm", "postgresql": "import sqlalchemy.orm, psycopg"}
UNGUARDED = ("planlagt", "i-gang", "droeftelse", "kvalificering", "udmoentning")


def _engine(db: str) -> Any:
    from sqlalchemy import create_engine

    return create_engine(db if "://" in db else f"sqlite:///{db}")


def movable(db: str, count: int) -> tuple[str, list[str], datetime]:
    """The first organisation's key, ``count`` refs of its items an advance can move, and the
    first whole minute after the audit trail's latest entry (each run's clock goes on from
    there, so that no entry is dated before the latest)."""
    from sqlalchemy import text

    engine = _engine(db)
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT set_config('aarshjul.org', '*', false)"))
        org_id, key = conn.execute(text("SELECT id, key FROM organisations ORDER BY id")).first()
        states = ", ".join(f"'{s}'" for s in UNGUARDED)
        refs = list(conn.execute(text(
            f"SELECT ref FROM items WHERE org_id = :o AND NOT paused AND state IN ({states}) "
            "ORDER BY sort_key DESC LIMIT :n"), {"o": org_id, "n": count}).scalars())
        latest = conn.execute(text("SELECT last_at FROM audit_head")).scalar_one()
    engine.dispose()
    if isinstance(latest, str):  # SQLite
        latest = datetime.fromisoformat(latest)
    if latest.tzinfo is not None:
        latest = latest.astimezone(UTC).replace(tzinfo=None)
    # Stored in UTC; written with its offset, so that --now means the same moment.
    return key, refs, latest.replace(second=0, microsecond=0) + timedelta(minutes=1)


def process(code: Path, argv: list[str], program: str = MAIN) -> dict[str, Any]:
    """One whole process under GNU time."""
    with tempfile.NamedTemporaryFile() as usage:
        cmd = ["/usr/bin/time", "-q", "-f", "%e %U %S %M", "-o", usage.name, sys.executable,
               "-c", program, *argv]
        proc = subprocess.run(cmd, capture_output=True, cwd=code, check=False,
                              env={**os.environ, "PYTHONPATH": str(code)})
        wall, user, system, rss = Path(usage.name).read_text().split()[-4:]
    return {"exit": proc.returncode, "wall_s": float(wall), "cpu_s": float(user) + float(system),
            "rss_mb": round(int(rss) / 1024, 1), "out": proc.stdout.decode().strip()[-200:],
            "err": proc.stderr.decode().strip()[-300:]}


def statements(db: str, now: str) -> list[dict[str, Any]]:
    """Every SQL statement of one ``audit verify`` in this process, timed, with its rows."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from aarshjul.app import App
    from aarshjul.context import Context
    from aarshjul.dates.timeutil import parse_datetime

    found: list[dict[str, Any]] = []

    def before(_c: Any, _cur: Any, _s: str, _p: Any, context: Any, _m: bool) -> None:
        context.bench_started = time.perf_counter()

    def after(_c: Any, cursor: Any, statement: str, _p: Any, context: Any, _m: bool) -> None:
        found.append({"ms": round((time.perf_counter() - context.bench_started) * 1000, 2),
                      "sql": " ".join(statement.split())[:110]})

    event.listen(Engine, "before_cursor_execute", before)
    event.listen(Engine, "after_cursor_execute", after)
    try:
        app = App(db, Context(actor="bench", now=parse_datetime(now)))
        app.audit.verify()
        app.db.dispose()
    finally:
        event.remove(Engine, "before_cursor_execute", before)
        event.remove(Engine, "after_cursor_execute", after)
    return found


def count_plan(db: str) -> list[str]:
    """How the database counts the entries (the one statement that reads the whole chain)."""
    from sqlalchemy import text

    engine = _engine(db)
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT set_config('aarshjul.org', '*', false)"))
            rows = conn.execute(text("EXPLAIN (ANALYZE, BUFFERS) "
                                     "SELECT count(*) FROM audit_entries")).scalars()
        else:
            rows = (str(r) for r in conn.execute(text(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM audit_entries")))
        plan = [str(r) for r in rows]
    engine.dispose()
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--label", default="after")
    args = parser.parse_args()
    key, refs, start = movable(args.db, args.runs + 1)
    backend = "postgresql" if args.db.startswith("postgresql") else "sqlite"
    runs, floors = [], []
    for i, ref in enumerate(refs[:args.runs]):
        moment = start + timedelta(minutes=2 * i)
        added = process(args.code, ["--db", args.db, "--org", key,
                                    "--now", f"{moment:%Y-%m-%dT%H:%M}+00:00",
                                    "advance", ref])
        if added["exit"] != 0:
            sys.exit(f"advance {ref} failed: {added['err']}")
        verify_at = f"{moment + timedelta(minutes=1):%Y-%m-%dT%H:%M}+00:00"
        found = process(args.code, ["--db", args.db, "--now", verify_at, "audit", "verify"])
        if found["exit"] != 0 or "kontrolleret nu: 1," not in found["out"]:
            sys.exit(f"audit verify failed or walked more than one entry: {found}")
        runs.append(found)
        floors.append(process(args.code, [], FLOOR[backend]))
        print(f"  run {i + 1}: {found['wall_s']} s wall, {found['cpu_s']:.2f} s CPU, "
              f"{found['rss_mb']} MB; floor {floors[-1]['wall_s']} s, "
              f"{floors[-1]['cpu_s']:.2f} s CPU", file=sys.stderr, flush=True)
    # The statements: one more entry, then the verify in this process.
    moment = start + timedelta(minutes=2 * args.runs)
    process(args.code, ["--db", args.db, "--org", key, "--now",
                        f"{moment:%Y-%m-%dT%H:%M}+00:00", "advance", refs[args.runs]])
    sys.path.insert(0, str(args.code))
    now = f"{moment + timedelta(minutes=1):%Y-%m-%dT%H:%M}+00:00"
    result = {
        "label": args.label, "db": args.db.split("@")[-1],
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load": os.getloadavg()[0],
        "wall_s": {"median": statistics.median(r["wall_s"] for r in runs),
                   "min": min(r["wall_s"] for r in runs)},
        "cpu_s": {"median": statistics.median(r["cpu_s"] for r in runs),
                  "min": min(r["cpu_s"] for r in runs)},
        "rss_mb": max(r["rss_mb"] for r in runs),
        "floor": FLOOR[backend],
        "floor_wall_s": {"median": statistics.median(r["wall_s"] for r in floors),
                         "min": min(r["wall_s"] for r in floors)},
        "floor_cpu_s": {"median": statistics.median(r["cpu_s"] for r in floors),
                        "min": min(r["cpu_s"] for r in floors)},
        "statements": statements(args.db, now), "count_plan": count_plan(args.db),
    }
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
