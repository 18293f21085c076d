"""Benchmark: one meeting with 40 agenda points, rendered in every format (issue 16).

Builds a throwaway SQLite database with 40 items booked on one OMU meeting, each with a
sagsfremstilling of a few paragraphs, an indstilling, økonomi and two bilag, then times whole
``aarshjul meeting agenda ID --format F -o FILE`` processes (start-up included; median and
min–max of ``--reps`` runs) and the same rendering in-process (the document alone). The target is
all formats in under 2 s together. The rendering is also timed in CPU seconds of this process,
which the other sessions on a shared machine do not inflate. Prints a Markdown table for
docs/benchmarks.md.

    python bench/agenda.py --reps 5
    python bench/agenda.py --reps 5 --org K147   # the meeting in a second municipality
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aarshjul.app import App  # noqa: E402
from aarshjul.context import Context  # noqa: E402
from aarshjul.dates.timeutil import parse_datetime  # noqa: E402
from aarshjul.reports.agenda import render  # noqa: E402

NOW = "2027-03-01T10:00"
MEETING = "OMU-2027-03-10"
FORMATS = ("md", "html", "pdf", "docx")
PARAGRAPH = ("Forvaltningen har i samarbejde med skoler og dagtilbud udarbejdet et forslag, "
             "der samler de indsatser, som udvalget tidligere har drøftet, og som bygger på "
             "de erfaringer, der er gjort i de seneste to år. ")


def build(folder: Path, points: int, org: str | None = None) -> str:
    """The throwaway database; with ``org`` the meeting is that organisation's, next to the
    installation's first one (several municipalities, as ``bench/generate.py`` makes them), and
    every command names it."""
    db = str(folder / "agenda.db")
    app = App(db, Context(actor="sek", now=parse_datetime(NOW)), check=False)
    app.init()
    if org is not None:
        app.organisations.add(org, name=f"Kommune {org}")
        app.db.dispose()
        app = App(db, Context(actor="sek", now=parse_datetime(NOW)), org=org)
    app.people.add("mette", name="Mette Holm", email="mette@kommune.example")
    app.meetings.add("OMU", date(2027, 3, 10), time="13:00", place="Rådhuset, mødelokale 3")
    bilag = folder / "bilag.pdf"
    bilag.write_bytes(b"%PDF-1.4 bench")
    for n in range(1, points + 1):
        ref = app.items.add(f"Sag {n}: indsats for trivsel og læring", owner="mette").ref
        app.moves.advance([ref])
        app.moves.advance([ref])
        app.meetings.book(ref, MEETING)
        app.agenda_editor.edit(MEETING, ref, texts={
            "sagsfremstilling": "\n\n".join([PARAGRAPH * 3] * 4),
            "indstilling": "Forvaltningen indstiller,\n\nat forslaget godkendes.",
            "okonomi": "Forslaget holdes inden for den vedtagne ramme."})
        app.agenda_editor.attach(MEETING, ref, str(bilag), title=f"Analyse {n}")
        app.agenda_editor.attach(MEETING, ref, f"https://kommune.example/sag/{n}")
    app.db.dispose()
    return db


def timed(run: object, reps: int, clock: object = time.perf_counter) -> list[float]:
    """Seconds per run on ``clock``: wall time, or ``time.process_time`` for the CPU this
    process used (steady on a shared machine, where wall time counts the other sessions too)."""
    times = []
    for _ in range(reps):
        start = clock()  # type: ignore[operator]
        run()  # type: ignore[operator]
        times.append(clock() - start)  # type: ignore[operator]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--points", type=int, default=40)
    parser.add_argument("--org", default=os.environ.get("AARSHJUL_ORG") or None,
                        help="Build the meeting in a second organisation with this key and run "
                             "every command in it (default: AARSHJUL_ORG; without it, one "
                             "municipality).")
    args = parser.parse_args()
    aarshjul = str(Path(sys.executable).parent / "aarshjul")
    scope = ["--org", args.org] if args.org else []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = build(folder, args.points, args.org)
        app = App(db, Context(actor="sek", now=parse_datetime(NOW)), org=args.org)
        view = app.agenda.show(MEETING)
        rows = []
        total = 0.0
        for fmt in FORMATS:
            inner = timed(lambda fmt=fmt: render(view, fmt, "da"), args.reps)
            cpu = timed(lambda fmt=fmt: render(view, fmt, "da"), args.reps, time.process_time)
            out = folder / f"dagsorden.{fmt}"
            command = [aarshjul, "--db", db, "--now", NOW, *scope, "meeting", "agenda", MEETING,
                       "--format", fmt, "-o", str(out)]
            whole = timed(lambda command=command: subprocess.run(command, check=True,
                                                                 capture_output=True),
                          args.reps)
            total += statistics.median(whole)
            rows.append(f"| {fmt} | {statistics.median(whole):.2f} s | "
                        f"{min(whole):.2f}–{max(whole):.2f} s | "
                        f"{statistics.median(inner):.3f} s | {statistics.median(cpu):.3f} s | "
                        f"{out.stat().st_size // 1024} KB |")
        floor = timed(lambda: subprocess.run(
            [aarshjul, "--db", db, "--now", NOW, *scope, "meeting", "list"], check=True,
            capture_output=True), args.reps)
        rows.append(f"| floor: `meeting list` | {statistics.median(floor):.2f} s | "
                    f"{min(floor):.2f}–{max(floor):.2f} s | | | |")
        app.db.dispose()
    where = f", organisation {args.org} of two" if args.org else ""
    print(f"{args.points} points, {args.reps} runs each, SQLite{where}\n")
    print("| format | whole process (median) | min–max | rendering alone (median) | "
          "rendering alone, CPU (median) | size |")
    print("|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    print(f"\nAll four formats: {total:.2f} s (target: under 2 s)")


if __name__ == "__main__":
    main()
