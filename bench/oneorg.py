"""One organisation at 100k and 1M items (issue 19, the must-holds on time).

For each data set made by ``bench/generate.py`` (``--db``, several; SQLite paths or PostgreSQL
URLs) it runs, as whole processes under GNU time, the three reads that must stay under 1 s for
one organisation (``item list``, ``calendar export``, ``report status --format html``) and the
single-item commands that must stay flat up to 1M items (``item show REF``, ``advance REF``,
``remind --dry-run``), all with ``--org ORG``; and, in the same run, the floors every command
pays before a line of ours (``python -c pass``, ``import sqlalchemy.orm``, and with psycopg).
Each figure records wall time, CPU time (user + system: on a shared machine the one to read),
peak RSS, the number of SQL statements the command sent, and the SHA-256 of its output.

``--whole`` measures a whole installation against its size: on a data set of one municipality
(``--municipalities 1``) the three reads without ``--org``; on one of several, the
whole-installation report, ``report status --all-orgs --format html`` (every municipality's
report and the overview, run as an administrator named in a settings file made for the run).

    python bench/generate.py --items 100000 --db /tmp/o100k.db
    python bench/oneorg.py --db /tmp/o100k.db --org K101 --reps 3 > o100k.json
    python bench/oneorg.py --table o100k.json
    python bench/scale.py --plot docs/scale-growth.svg bench/scale-results/*.json o100k.json

``advance`` moves a different item of the organisation each repetition (a state no guard
holds), so the data set is changed.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.streaming import ACTOR, NOW, UNGUARDED

CODE = Path(__file__).resolve().parent.parent
#: ``aarshjul`` with a count of the statements it sends (one per execute or executemany).
MAIN = ("import atexit, os, sys\n"
        "from sqlalchemy import event\n"
        "from sqlalchemy.engine import Engine\n"
        "sent = [0]\n"
        "event.listen(Engine, 'before_cursor_execute', "
        "lambda *a: sent.__setitem__(0, sent[0] + 1))\n"
        "atexit.register(lambda: open(os.environ['BENCH_STATEMENTS'], 'w').write(str(sent[0])))\n"
        "from aarshjul.cli.root import main\n"
        "sys.argv[0] = 'aarshjul'\n"
        "main()\n")
FLOORS = {
    "floor: python -c pass": "pass",
    "floor: import sqlalchemy.orm": "import sqlalchemy.orm",
    "floor: import sqlalchemy.orm + psycopg": ("import sqlalchemy.orm, "
                                               "sqlalchemy.dialects.postgresql.psycopg, psycopg"),
}
READS = {
    "item list": ["item", "list"],
    "calendar export": ["calendar", "export", "{ics}"],
    "report status --format html": ["report", "status", "--format", "html", "-o", "{html}"],
}
#: The whole installation's one read over several municipalities.
ALL_ORGS = {
    "report status --all-orgs --format html": ["--config", "{config}", "report", "status",
                                               "--all-orgs", "--format", "html",
                                               "-o", "{folder}"],
}


def process(argv: Sequence[str], out: Path, statements: Path | None = None) -> dict[str, Any]:
    """One whole process: wall and CPU seconds, peak RSS (MB), exit code, statements."""
    with tempfile.NamedTemporaryFile() as timing, out.open("wb") as stdout:
        cmd = ["/usr/bin/time", "-q", "-f", "%U %S %M", "-o", timing.name, *argv]
        env = {**os.environ, "PYTHONPATH": str(CODE)}
        if statements is not None:
            env["BENCH_STATEMENTS"] = str(statements)
        started = time.perf_counter()
        proc = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, cwd=CODE, check=False,
                              env=env)
        wall = time.perf_counter() - started
        user, system, peak = Path(timing.name).read_text().split()[-3:]
    sent = None
    if statements is not None and statements.exists():
        sent = int(statements.read_text() or 0)
        statements.unlink()
    return {"wall": wall, "cpu": float(user) + float(system), "rss_mb": int(peak) / 1024,
            "exit": proc.returncode, "statements": sent,
            "stderr": proc.stderr.decode(errors="replace")[-300:]}


def summary(runs: Sequence[dict[str, Any]], args: Sequence[str],
            produced: Path | None = None, out: Path | None = None) -> dict[str, Any]:
    walls = [r["wall"] for r in runs]
    cpus = [r["cpu"] for r in runs]
    digest = ""
    source = produced if produced is not None else out
    if source is not None and source.exists():
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
    return {"args": list(args), "median_s": round(statistics.median(walls), 3),
            "min_s": round(min(walls), 3), "max_s": round(max(walls), 3),
            "cpu_median_s": round(statistics.median(cpus), 3), "cpu_min_s": round(min(cpus), 3),
            "rss_mb": round(max(r["rss_mb"] for r in runs), 1),
            "statements": runs[-1]["statements"], "exit": runs[-1]["exit"],
            "stderr": runs[-1]["stderr"], "sha256": digest}


def describe(db: str, org: str | None, reps: int) -> dict[str, Any]:
    """Backend, sizes, and the refs the single-item commands use (of ``org``)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT set_config('aarshjul.org', '*', false)"))
        items = int(conn.scalar(text("SELECT count(*) FROM items")) or 0)
        orgs = int(conn.scalar(text("SELECT count(*) FROM organisations")) or 0)
        where = "org_id = (SELECT id FROM organisations WHERE upper(key) = upper(:org))"
        params = {"org": org or ""}
        if org is None:
            where, params = "1 = 1", {}
        org_items = int(conn.scalar(text(f"SELECT count(*) FROM items WHERE {where}"),
                                    params) or 0)
        states = ", ".join(f"'{state}'" for state in UNGUARDED)
        movable = [str(r) for r in conn.scalars(text(
            f"SELECT ref FROM items WHERE {where} AND NOT paused AND state IN ({states}) "
            f"ORDER BY sort_key LIMIT {reps}"), params)]
        shown = conn.scalar(text(f"SELECT ref FROM items WHERE {where} AND state = 'buu' "
                                 "AND NOT paused ORDER BY sort_key LIMIT 1"), params) or \
            conn.scalar(text(f"SELECT ref FROM items WHERE {where} ORDER BY sort_key LIMIT 1"),
                        params)
    engine.dispose()
    return {"backend": "postgresql" if db.startswith("postgresql") else "sqlite",
            "items": items, "organisations": orgs, "org_items": org_items,
            "movable": movable, "shown": str(shown)}


def figures(db: str, org: str | None, reps: int, whole: bool, singles: bool,
            reads: bool = True) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="aarshjul-oneorg-"))
    out, counted = work / "stdout", work / "statements"
    files = {"ics": work / "export.ics", "html": work / "status.html"}
    about = describe(db, None if whole else org, reps)
    reading = READS
    if whole and about["organisations"] > 1:
        import getpass

        reading = ALL_ORGS
        config, folder = work / "aarshjul.toml", work / "alle"
        config.write_text(f'[installation]\nadministrators = ["{getpass.getuser()}"]\n',
                          encoding="utf-8")
        files |= {"config": config, "folder": folder, "overview": folder / "index.html"}
    scope = ["--org", org] if org and not whole else []
    label = "whole installation" if whole else f"one org ({org})"
    found: dict[str, Any] = {"label": label, "backend": about["backend"],
                             "items": about["items"], "organisations": about["organisations"],
                             "org_items": about["org_items"], "figures": {}, "floors": {},
                             "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                             "load_before": list(os.getloadavg())}
    print(f"{label} {about['backend']} {about['items']} ({about['org_items']} in scope):",
          file=sys.stderr, flush=True)

    def aarshjul(args: Sequence[str]) -> list[str]:
        return [sys.executable, "-c", MAIN, "--db", db, "--now", NOW, "--as", ACTOR,
                *scope, *args]

    def note(name: str, value: dict[str, Any]) -> None:
        print(f"  {name}: wall {value['median_s']} s, cpu {value['cpu_median_s']} s, "
              f"{value['rss_mb']} MB, {value['statements']} statements, exit {value['exit']}",
              file=sys.stderr, flush=True)

    for name, code in FLOORS.items():
        if "psycopg" in code and about["backend"] != "postgresql":
            continue
        runs = [process([sys.executable, "-c", code], out) for _ in range(reps)]
        found["floors"][name] = value = summary(runs, ["-c", code])
        note(name, value)
    for name, args in reading.items() if reads else ():
        argv = [a.format(**{k: str(v) for k, v in files.items()}) for a in args]
        produced = files["overview"] if "--all-orgs" in args else next(
            (files[k] for k in files if f"{{{k}}}" in args), None)
        runs = [process(aarshjul(argv), out, counted) for _ in range(reps)]
        found["figures"][name] = value = summary(runs, argv, produced, out)
        note(name, value)
    if singles and not whole:
        runs = [process(aarshjul(["item", "show", about["shown"]]), out, counted)
                for _ in range(reps)]
        found["figures"]["item show"] = value = summary(runs, ["item", "show", about["shown"]],
                                                        None, out)
        note("item show", value)
        runs = [process(aarshjul(["advance", ref]), out, counted) for ref in about["movable"]]
        found["figures"]["advance (1 item)"] = value = summary(runs, ["advance", "REF"])
        note("advance (1 item)", value)
        runs = [process(aarshjul(["remind", "--dry-run"]), out, counted) for _ in range(reps)]
        found["figures"]["remind --dry-run"] = value = summary(runs, ["remind", "--dry-run"],
                                                               None, out)
        note("remind --dry-run", value)
    found["load_after"] = list(os.getloadavg())
    import shutil

    shutil.rmtree(work)
    return found


def table(results: Sequence[dict[str, Any]]) -> str:
    """Markdown: one row per command, backend, size and scope."""
    lines = ["| command | backend | items | scope (items in it) | wall median (min) | "
             "CPU median (min) | peak RSS | statements |",
             "|---|---|---:|---|---:|---:|---:|---:|"]
    for r in sorted(results, key=lambda r: (r["label"], r["backend"], r["items"])):
        rows = [*r.get("floors", {}).items(), *r["figures"].items()]
        for figure, v in rows:
            note = "" if v["exit"] == 0 else f" (exit {v['exit']})"
            scope = "-" if figure.startswith("floor") else f"{r['label']} ({r['org_items']:,})"
            sent = "" if v.get("statements") is None else str(v["statements"])
            lines.append(f"| `{figure}` | {r['backend']} | {r['items']:,} | {scope} | "
                         f"{v['median_s']:.2f} s ({v['min_s']:.2f}){note} | "
                         f"{v['cpu_median_s']:.2f} s ({v['cpu_min_s']:.2f}) | "
                         f"{v['rss_mb']:.0f} MB | {sent} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", action="append", default=[],
                        help="A data set from bench/generate.py (advance changes it).")
    parser.add_argument("--org", default="K101", help="The organisation (default K101).")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--whole", action="store_true",
                        help="The three reads without --org (a one-municipality data set).")
    parser.add_argument("--no-singles", dest="singles", action="store_false",
                        help="Only the three reads.")
    parser.add_argument("--no-reads", dest="reads", action="store_false",
                        help="Only the floors and the single-item commands.")
    parser.add_argument("--table", nargs="+", metavar="JSON", help="Print the Markdown table.")
    args = parser.parse_args(argv)
    if args.table:
        print(table([r for p in args.table for r in json.loads(Path(p).read_text())]))
        return 0
    if not args.db:
        parser.error("--db is needed (or --table)")
    # Our own modules' bytecode, written once: where PYTHONDONTWRITEBYTECODE is set (as on
    # the benchmark machine) every run would otherwise compile them from source, 0.1-0.2 s.
    import compileall

    compileall.compile_dir(str(CODE / "aarshjul"), quiet=1)
    found = [figures(db, args.org, args.reps, args.whole, args.singles, args.reads)
             for db in args.db]
    json.dump(found, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
