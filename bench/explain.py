"""Run one ``aarshjul`` command and write the plan of every SELECT it sends (issue 19).

On PostgreSQL each distinct statement is run a second time under ``EXPLAIN (ANALYZE,
BUFFERS)`` (so use it on a data set you can spare, and only for reads, or know that an
``advance`` is then made once); on SQLite ``EXPLAIN QUERY PLAN``. The plans go to the file
named by ``--log``, each after its statement and parameters; ``--sum`` prints, per file, the
server's execution time in total and the slowest statements.

    python bench/explain.py --log /tmp/show.txt -- --db postgresql+psycopg://…/b1m \\
        --org K101 item show 101.1
    python bench/explain.py --sum /tmp/show.txt
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any, TextIO

SKIP = ("pg_catalog", "alembic_version", "set_config")


def explain_into(log: TextIO) -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    seen: set[tuple[str, str]] = set()

    @event.listens_for(Engine, "before_cursor_execute")
    def _explain(conn: Any, _cursor: Any, statement: str, params: Any, _context: Any,
                 many: bool) -> None:
        if many or not statement.lstrip().upper().startswith("SELECT") or any(
                s in statement for s in SKIP) or (statement, str(params)) in seen:
            return
        seen.add((statement, str(params)))
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            if conn.dialect.name == "postgresql":
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            else:
                cursor.execute("EXPLAIN QUERY PLAN " + statement, params)
                plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
        finally:
            cursor.close()
        log.write("=" * 100 + "\n" + " ".join(statement.split()) + "\n" + str(params)[:300]
                  + "\n" + plan + "\n")


def summary(path: Path, top: int = 4) -> str:
    timed = []
    for block in path.read_text().split("=" * 100 + "\n")[1:]:
        found = re.search(r"Execution Time: ([\d.]+) ms", block)
        if found:
            timed.append((float(found.group(1)), block.splitlines()[0][:140]))
    timed.sort(reverse=True)
    lines = [f"{path}: {len(timed)} SELECTs, server execution {sum(t for t, _ in timed):.1f} ms"]
    lines += [f"  {t:8.2f} ms  {statement}" for t, statement in timed[:top]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--log", type=Path, help="Where the plans go.")
    parser.add_argument("--sum", nargs="+", type=Path, metavar="LOG",
                        help="Print the execution times of these logs (PostgreSQL).")
    parser.add_argument("command", nargs=argparse.REMAINDER,
                        help="aarshjul's arguments, after --.")
    args = parser.parse_args(argv)
    if args.sum:
        print("\n\n".join(summary(p) for p in args.sum))
        return 0
    if not args.log or not args.command:
        parser.error("--log and a command are needed (or --sum)")
    command = args.command[1:] if args.command[0] == "--" else args.command
    with args.log.open("w") as log:
        explain_into(log)
        from aarshjul.cli.root import main as aarshjul

        sys.argv = ["aarshjul", *command]
        try:
            aarshjul()
        except SystemExit as stop:
            return int(stop.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
