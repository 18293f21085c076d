"""Time and peak memory at scale, and how they grow with the data (issue 19, point 4).

For each data set made by ``bench/generate.py`` (``--db``, several; SQLite paths or PostgreSQL
URLs) it runs ``item list``, ``calendar export``, ``report status --format html``, ``audit
verify --full`` and ``audit verify`` after one new entry, each a whole process under GNU time
(peak RSS), with the code of one or more source trees (``--code``: a label and a folder, e.g.
``after=.`` and ``before=/tmp/before`` unpacked with ``git archive``). The read-only commands
run first for every tree, so every tree reads the same data and the outputs can be compared by
SHA-256; the verify figures run last, for the last tree only (they add an audit entry).
``--plot`` draws the growth curves (peak RSS and time against items, both logarithmic) as an SVG
file written here, without matplotlib; ``--table`` prints the Markdown table.

    python bench/generate.py --items 10000 --db /tmp/s10000.db
    python bench/scale.py --code after=. --db /tmp/s10000.db > scale.json
    python bench/scale.py --table scale.json
    python bench/scale.py --plot docs/scale-growth.svg scale.json

``--args`` is passed to every command before its own arguments (``--args "--org K101"`` for
the figures of one organisation); the environment is passed on as it is (``AARSHJUL_ORG``).
``--more`` adds the other read-only commands (``item list --json``, ``deadlines``, ``export``,
``report status`` in Markdown and XLSX, ``remind --dry-run``), ``--only`` picks figures by name
and ``--no-verify`` leaves out the audit figures; every figure has its CPU time (user + sys).
"""

from __future__ import annotations

import argparse
import json
import math
import shlex
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.streaming import measure, organisation, run

READS = {
    "item list": ["item", "list"],
    "calendar export": ["calendar", "export", "{ics}"],
    "report status --format html": ["report", "status", "--format", "html", "-o", "{html}"],
}
#: With ``--more``: the other read-only commands of a whole organisation (issue 19: every
#: command under 150 MB at 100k).
MORE = {
    "item list --json": ["item", "list", "--json"],
    "deadlines": ["deadlines"],
    "export (xlsx)": ["export", "{xlsx}"],
    "report status (md)": ["report", "status", "--format", "md", "-o", "{md}"],
    "report status --format xlsx": ["report", "status", "--format", "xlsx", "-o", "{xlsx}"],
    "remind --dry-run": ["remind", "--dry-run"],
}


def count(db: str) -> tuple[str, int, int]:
    """(backend, items, audit entries) of the whole data set."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":  # every organisation's rows, as the generator
            conn.execute(text("SELECT set_config('aarshjul.org', '*', false)"))
        items = int(conn.scalar(text("SELECT count(*) FROM items")) or 0)
        entries = int(conn.scalar(text("SELECT count FROM audit_head")) or 0)
    engine.dispose()
    return ("postgresql" if db.startswith("postgresql") else "sqlite"), items, entries


def figures(codes: Sequence[tuple[str, Path]], db: str, reps: int,
            extra: Sequence[str], reads: dict[str, list[str]] = READS,
            verify: bool = True) -> list[dict[str, Any]]:
    """One result per code tree: every figure on this data set."""
    work = Path(tempfile.mkdtemp(prefix="aarshjul-scale-"))
    out = work / "stdout"
    files = {"ics": work / "export.ics", "html": work / "status.html",
             "md": work / "status.md", "xlsx": work / "export.xlsx"}
    backend, items, entries = count(db)
    results = []
    for label, code in codes:
        print(f"{label} {backend} {items}:", file=sys.stderr, flush=True)
        found: dict[str, Any] = {"label": label, "backend": backend, "items": items,
                                 "audit_entries": entries, "figures": {},
                                 "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        for figure, args in reads.items():
            argv = [*extra, *(a.format(**{k: str(v) for k, v in files.items()}) for a in args)]
            produced = next((files[k] for k in files if f"{{{k}}}" in args), None)
            found["figures"][figure] = measure(code, db, argv, reps, out, produced)
        results.append(found)
    if not verify:
        for path in (out, *files.values()):
            path.unlink(missing_ok=True)
        work.rmdir()
        return results
    label, code = codes[-1]
    f = results[-1]["figures"]
    f["audit verify --full"] = measure(code, db, [*extra, "audit", "verify", "--full"], 1, out)
    run(code, db, [*extra, "audit", "verify"], out)  # leaves a checkpoint at the end
    # the new entry: an advance in one organisation (K101 on a data set of several, or the
    # one --args names), as its secretariat; a refused advance would make the figure a lie
    chosen = extra[extra.index("--org") + 1] if "--org" in extra else None
    org, actor, _, _, ref = organisation(db, chosen)
    scope = ["--org", org] if org and chosen is None else []
    moved = run(code, db, [*extra, *scope, "advance", ref], out, actor=actor)
    if moved["exit"] != 0:
        raise SystemExit(f"advance {ref} was refused (exit {moved['exit']}): {moved['stderr']}")
    f["audit verify (1 new entry)"] = measure(code, db, [*extra, "audit", "verify"], 1, out)
    for path in (out, *files.values()):
        path.unlink(missing_ok=True)
    work.rmdir()
    return results


def table(results: Sequence[dict[str, Any]]) -> str:
    """Markdown: one row per figure, backend, size and code tree."""
    lines = ["| command | backend | items | code | time | CPU | peak RSS | output |",
             "|---|---|---:|---|---:|---:|---:|---|"]
    shas: dict[tuple[str, str, int], set[str]] = {}
    for r in results:
        for figure, v in r["figures"].items():
            shas.setdefault((figure, r["backend"], r["items"]), set()).add(v["sha256"])
    for r in sorted(results, key=lambda r: (r["backend"], r["items"], r["label"])):
        for figure, v in r["figures"].items():
            key = (figure, r["backend"], r["items"])
            same = ("-" if figure.startswith("audit") or len(
                [x for x in results if x["backend"] == r["backend"] and x["items"] == r["items"]
                 and figure in x["figures"]]) < 2
                    else "identical" if len(shas[key]) == 1 else "differs")
            note = "" if v["exit"] == 0 else f" (exit {v['exit']})"
            cpu = f"{v['cpu_s']:.2f} s" if "cpu_s" in v else ""
            lines.append(f"| `{figure}` | {r['backend']} | {r['items']:,} | {r['label']} | "
                         f"{v['median_s']:.2f} s{note} | {cpu} | {v['rss_mb']:.0f} MB | "
                         f"{same} |")
    return "\n".join(lines)


COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf",
           "#e377c2", "#7f7f7f", "#bcbd22", "#000000", "#aec7e8", "#ff9896", "#98df8a",
           "#c5b0d5", "#c49c94"]


def plot(results: Sequence[dict[str, Any]]) -> str:
    """Two panels (peak RSS, time) of every figure against items, log-log, as SVG text."""
    series: dict[str, list[tuple[int, float, float]]] = {}
    for r in results:
        for figure, v in r["figures"].items():
            name = f"{figure} · {r['backend']} · {r['label']}"
            series.setdefault(name, []).append((r["items"], v["rss_mb"], v["median_s"]))
    names = sorted(series)
    width, panel_h, left, top, gap = 980, 300, 70, 40, 70
    plot_w = 560
    height = top + 2 * panel_h + gap + 40
    xs = sorted({x for s in series.values() for x, _, _ in s}) or [1]
    x0, x1 = math.log10(min(xs)) - 0.1, math.log10(max(xs)) + 0.1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
             f'<rect width="{width}" height="{height}" fill="white"/>']

    def panel(index: int, title: str, unit: str, pick: int) -> None:
        y_top = top + index * (panel_h + gap)
        values = [p[pick] for s in series.values() for p in s if p[pick] > 0] or [1.0]
        lo = 10 ** math.floor(math.log10(min(values)))
        hi = 10 ** math.ceil(math.log10(max(values)))
        y0, y1 = math.log10(lo), math.log10(hi)

        def px(x: float) -> float:
            return left + (math.log10(x) - x0) / (x1 - x0) * plot_w

        def py(y: float) -> float:
            return y_top + panel_h - (math.log10(y) - y0) / ((y1 - y0) or 1) * panel_h

        parts.append(f'<text x="{left}" y="{y_top - 10}" font-size="13" '
                     f'font-weight="bold">{escape(title)}</text>')
        parts.append(f'<rect x="{left}" y="{y_top}" width="{plot_w}" height="{panel_h}" '
                     f'fill="none" stroke="#999"/>')
        decade = lo
        while decade <= hi:
            for m in (1, 2, 5):
                y = decade * m
                if lo <= y <= hi:
                    parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{py(y):.1f}" '
                                 f'y2="{py(y):.1f}" stroke="#eee"/>')
                    parts.append(f'<text x="{left - 5}" y="{py(y) + 4:.1f}" '
                                 f'text-anchor="end">{y:g} {unit}</text>')
            decade *= 10
        for x in xs:
            parts.append(f'<line x1="{px(x):.1f}" x2="{px(x):.1f}" y1="{y_top}" '
                         f'y2="{y_top + panel_h}" stroke="#eee"/>')
            parts.append(f'<text x="{px(x):.1f}" y="{y_top + panel_h + 15}" '
                         f'text-anchor="middle">{x:,} items</text>')
        for n, name in enumerate(names):
            colour = COLOURS[n % len(COLOURS)]
            dash = ' stroke-dasharray="5,3"' if "postgresql" in name else ""
            points = [(x, p[pick]) for p in sorted(series[name]) for x in [p[0]] if p[pick] > 0]
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                         f'stroke-width="2"{dash}/>')
            for x, y in points:
                parts.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" '
                             f'fill="{colour}"/>')

    panel(0, "Peak memory (RSS) against items", "MB", 1)
    panel(1, "Time (whole process) against items", "s", 2)
    legend_x = left + plot_w + 20
    for n, name in enumerate(names):
        colour = COLOURS[n % len(COLOURS)]
        y = top + n * 16
        dash = ' stroke-dasharray="5,3"' if "postgresql" in name else ""
        parts.append(f'<line x1="{legend_x}" x2="{legend_x + 24}" y1="{y}" y2="{y}" '
                     f'stroke="{colour}" stroke-width="2"{dash}/>')
        parts.append(f'<text x="{legend_x + 30}" y="{y + 4}">{escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", action="append", default=[], metavar="LABEL=FOLDER",
                        help="A source tree to run, with its label (several: compared).")
    parser.add_argument("--db", action="append", default=[],
                        help="A data set from bench/generate.py (it is changed: one advance).")
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--args", default="", help="Passed to every command, e.g. '--org K101'.")
    parser.add_argument("--more", action="store_true",
                        help="Also item list --json, deadlines, export, report status md and "
                             "xlsx, remind --dry-run.")
    parser.add_argument("--only", help="Only these figures (comma-separated names).")
    parser.add_argument("--no-verify", action="store_true",
                        help="Leave out the audit verify figures (and the advance they need).")
    parser.add_argument("--table", nargs="+", metavar="JSON", help="Print the Markdown table.")
    parser.add_argument("--plot", nargs="+", metavar=("SVG", "JSON"),
                        help="Write the growth curves of these results to SVG.")
    args = parser.parse_args(argv)
    if args.table:
        print(table([r for p in args.table for r in json.loads(Path(p).read_text())]))
        return 0
    if args.plot:
        target, *sources = args.plot
        Path(target).write_text(plot([r for p in sources
                                      for r in json.loads(Path(p).read_text())]))
        return 0
    if not args.code or not args.db:
        parser.error("--code and --db are needed (or --table / --plot)")
    codes = [(label, Path(folder).resolve())
             for label, _, folder in (c.partition("=") for c in args.code)]
    found = []
    for db in args.db:
        reads = {**READS, **MORE} if args.more else dict(READS)
        if args.only:
            wanted = [name.strip() for name in args.only.split(",")]
            reads = {name: reads[name] for name in wanted if name in reads}
        found += figures(codes, db, args.reps, shlex.split(args.args), reads,
                         not args.no_verify)
        # after each data set, so a long run that is stopped keeps what it measured
        Path(tempfile.gettempdir(), "aarshjul-scale-partial.json").write_text(
            json.dumps(found, indent=2))
    json.dump(found, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
