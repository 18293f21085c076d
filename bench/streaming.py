"""Peak memory and time of the streaming commands, before and after (issue 19, points 2 and 3).

Runs ``item list``, ``item list --json``, ``calendar export``, ``audit verify --full`` and
``audit verify`` after one new entry (an ``advance``) as whole processes under GNU time (peak
RSS), with the code of a given source tree (``--code``: this worktree, or an older commit
unpacked with ``git archive``), against a data set made by ``bench/generate.py`` with that same
code. Each command's output is kept as a SHA-256, so that two runs show whether the output stayed
byte for byte the same. One JSON result per run; ``--table`` turns several into the Markdown
table in docs/benchmarks.md. On a data set of several organisations every command runs in one
(``--org KEY``; by default the first by key, K101), as the issuer of its ``sek`` login.

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


def run(code: Path, db: str, args: Sequence[str], out: Path, *,
        actor: str = ACTOR) -> dict[str, Any]:
    """One whole process: seconds, peak RSS (MB), exit code, SHA-256 of stdout."""
    with tempfile.NamedTemporaryFile() as rss, out.open("wb") as stdout:
        cmd = ["/usr/bin/time", "-q", "-f", "%M %U %S", "-o", rss.name, sys.executable,
               "-c", MAIN,
               "--db", db, "--now", NOW, "--as", actor, *args]
        started = time.perf_counter()
        proc = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, cwd=code, check=False,
                              env={**os.environ, "PYTHONPATH": str(code)})
        seconds = time.perf_counter() - started
        kb, user, system = Path(rss.name).read_text().split()[-3:]
        peak = int(kb) / 1024
    return {"seconds": round(seconds, 3), "rss_mb": round(peak, 1), "exit": proc.returncode,
            "cpu_s": round(float(user) + float(system), 2),
            "stderr": proc.stderr.decode(errors="replace")[-300:],
            "sha256": hashlib.sha256(out.read_bytes()).hexdigest()}


def measure(code: Path, db: str, args: Sequence[str], reps: int, out: Path,
            produced: Path | None = None, *, actor: str = ACTOR) -> dict[str, Any]:
    runs = [run(code, db, args, out, actor=actor) for _ in range(reps)]
    result = {"args": list(args), "median_s": statistics.median(r["seconds"] for r in runs),
              "min_s": min(r["seconds"] for r in runs), "max_s": max(r["seconds"] for r in runs),
              "rss_mb": max(r["rss_mb"] for r in runs), "exit": runs[-1]["exit"],
              "cpu_s": statistics.median(r["cpu_s"] for r in runs),
              "stderr": runs[-1]["stderr"], "sha256": runs[-1]["sha256"]}
    if produced is not None:  # a failed command may have written nothing
        result["sha256"] = (hashlib.sha256(produced.read_bytes()).hexdigest()
                            if produced.exists() else "missing")
    print(f"  {' '.join(args)}: {result['median_s']} s, CPU {result['cpu_s']} s, "
          f"{result['rss_mb']} MB, sha256 {result['sha256'][:12]}, "
          f"exit {result['exit']}", file=sys.stderr, flush=True)
    return result


def organisation(db: str, wanted: str | None) -> tuple[str | None, str, int, int, str]:
    """(``--org`` to pass, the actor, items, audit entries, the ref of an item an unguarded
    advance can move) for the organisation ``wanted``: by default the first by key when the data
    set has several (``bench/generate.py`` makes K101, K147 …), none when it has one."""
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":  # every organisation's rows, as the generator
            conn.execute(text("SELECT set_config('aarshjul.org', '*', false)"))
        keys = (list(conn.scalars(text("SELECT key FROM organisations ORDER BY key")))
                if "organisations" in inspect(conn).get_table_names() else [])  # before 0012
        org = wanted or (keys[0] if len(keys) > 1 else None)
        where = "org_id = (SELECT id FROM organisations WHERE key = :org)" if org else "1 = 1"
        items = int(conn.scalar(text(f"SELECT count(*) FROM items WHERE {where}"),
                                {"org": org}) or 0)
        entries = int(conn.scalar(text("SELECT count FROM audit_head")) or 0)
        states = ", ".join(f"'{state}'" for state in UNGUARDED)
        ref = str(conn.scalar(text(f"SELECT ref FROM items WHERE {where} AND NOT paused AND "
                                   f"state IN ({states}) ORDER BY sort_key LIMIT 1"),
                              {"org": org}))
    engine.dispose()
    actor = f"{org.lower()}-sek" if org and org.upper().startswith("K") else ACTOR
    return org, actor, items, entries, ref


def figures(code: Path, db: str, reps: int, label: str, org: str | None = None
            ) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="aarshjul-streaming-"))
    out, ics = work / "stdout", work / "export.ics"
    org, actor, items, entries, ref = organisation(db, org)
    scope = ["--org", org] if org else []
    backend = "postgresql" if db.startswith("postgresql") else "sqlite"
    new = (code / "aarshjul" / "store" / "audit_checkpoints.py").exists()
    found: dict[str, Any] = {"label": label, "items": items, "audit_entries": entries,
                             "backend": backend, "org": org, "figures": {}}
    f = found["figures"]

    def measured(args: list[str], n: int = reps, produced: Path | None = None) -> dict[str, Any]:
        return measure(code, db, [*scope, *args], n, out, produced, actor=actor)

    def ran(args: list[str]) -> None:
        run(code, db, [*scope, *args], out, actor=actor)

    f["item list"] = measured(["item", "list"])
    f["item list --json"] = measured(["item", "list", "--json"])
    f["calendar export"] = measured(["calendar", "export", str(ics)], produced=ics)
    if new:
        f["audit verify --full"] = measured(["audit", "verify", "--full"], 1)
        ran(["audit", "verify"])  # leaves a checkpoint at the end
        ran(["advance", ref])
        f["audit verify (1 new entry)"] = measured(["audit", "verify"], 1)
    else:
        f["audit verify --full"] = measured(["audit", "verify"], 1)
        ran(["advance", ref])
        f["audit verify (1 new entry)"] = measured(["audit", "verify"], 1)
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
    parser.add_argument("--org", help="The organisation whose figures are measured (default: "
                                      "the first by key when the data set has several).")
    parser.add_argument("--table", nargs="+", metavar="JSON", help="Print the Markdown table.")
    args = parser.parse_args(argv)
    if args.table:
        print(table([json.loads(Path(p).read_text()) for p in args.table]))
        return 0
    if not args.code or not args.db:
        parser.error("--code and --db are needed (or --table)")
    json.dump(figures(args.code.resolve(), args.db, args.reps, args.label, args.org),
              sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
