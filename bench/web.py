"""Benchmark of ``aarshjul serve``: requests per second and latency under 8 concurrent clients.

A real ``aarshjul serve`` (waitress) is started on a free port of 127.0.0.1 over the generated
data set (:mod:`bench.generate`, 10,000 items by default) on SQLite and on PostgreSQL, and a
leader's personal link is issued with ``person link``. Then, for each page — the status report
and *Mine frister* of the leader who owns the most items — N client threads (8 by default), each
with its own keep-alive ``http.client`` connection, request the page back to back for a fixed
time or a fixed count, whichever ends first. The figures are requests per second over the whole
run (all clients together) and the p50/p99 latency of single requests.

This is a measurement, not a test: nothing here asserts a time. The figures are written between
the ``bench-web:begin``/``bench-web:end`` markers of ``docs/benchmarks.md`` (the rest of the file
is kept), with the machine and the date. Only 127.0.0.1 is ever contacted; every loop is bounded.

    python bench/web.py                       # both backends, 10k items, 8 clients, 20 s a page
    python bench/web.py --backends sqlite --seconds 5 --no-write
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import select
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.runner import (  # noqa: E402
    AARSHJUL,
    Dataset,
    Datasets,
    compile_package,
    free_port,
    machine,
    scalar,
)

BEGIN, END = "<!-- bench-web:begin -->", "<!-- bench-web:end -->"
_PAGE_LINK = re.compile(r"(https?://\S+/t/[A-Za-z0-9_-]+/)")


@dataclass(frozen=True)
class Figure:
    page: str
    backend: str
    items: int
    clients: int
    threads: int
    requests: int
    failures: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    failed_as: str = ""  # e.g. "503 ×3"
    first_ms: float = 0.0  # the first request, alone: the status page is made then, and kept


def busiest_login(ds: Dataset) -> str:
    """The person who owns the most items: the longest *Mine frister*."""
    login: str = scalar(ds, "SELECT p.login FROM people p JOIN items i ON i.owner_id = p.id "
                            "GROUP BY p.login ORDER BY count(*) DESC, p.login LIMIT 1")
    return login


def issue_link(ds: Dataset, login: str, base: str) -> str:
    out = subprocess.run(ds.aarshjul("person", "link", login, "--base-url", base),
                         check=True, capture_output=True, text=True).stdout
    found = _PAGE_LINK.search(out)
    if found is None:
        raise SystemExit(f"bench/web.py: person link printed no page link:\n{out}")
    return found.group(1)


@contextmanager
def serving(ds: Dataset, port: int, threads: int) -> Iterator[None]:
    """``aarshjul serve`` on 127.0.0.1:port until the block ends; waits for its ready line."""
    process = subprocess.Popen(
        [*ds.aarshjul("serve", "--port", str(port), "--threads", str(threads))],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert process.stderr is not None
        ready, _, _ = select.select([process.stderr], [], [], 60)
        line = process.stderr.readline() if ready else b""
        if str(port) not in line.decode():
            raise SystemExit(f"bench/web.py: aarshjul serve did not start: {line.decode()}")
        # The request log goes to stderr: drain it so the server never blocks on a full pipe.
        drain = threading.Thread(target=lambda: process.stderr.read() if process.stderr
                                 else None, daemon=True)
        drain.start()
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


def _client(port: int, path: str, until: float, limit: int, latencies: list[float],
            failures: list[str]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        for _ in range(limit):
            if time.perf_counter() >= until:
                break
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            latencies.append(time.perf_counter() - started)
            if response.status != 200:
                failures.append(str(response.status))
    except (OSError, http.client.HTTPException) as exc:
        failures.append(type(exc).__name__)
    finally:
        conn.close()


def load(port: int, path: str, clients: int, seconds: float, limit: int) -> tuple[
        list[float], list[str], float]:
    """``clients`` threads requesting ``path`` back to back; latencies, failures, wall time."""
    latencies: list[float] = []
    failures: list[str] = []
    started = time.perf_counter()
    until = started + seconds
    workers = [threading.Thread(target=_client,
                                args=(port, path, until, limit, latencies, failures))
               for _ in range(clients)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return latencies, failures, time.perf_counter() - started


def measure(args: argparse.Namespace, datasets: Datasets, backend: str) -> list[Figure]:
    print(f"{backend}: generating {args.items:,} items …", flush=True)
    ds = datasets.make(backend, args.items, label=f"web{args.items}")
    try:
        port = free_port()
        login = busiest_login(ds)
        page = issue_link(ds, login, f"http://127.0.0.1:{port}")
        prefix = page.split(f":{port}", 1)[1]
        figures = []
        with serving(ds, port, args.threads):
            for name, path in (("status page", f"{prefix}status"),
                               ("Mine frister", prefix)):
                # Alone first: it reads the workflows, and makes the status page, which is kept.
                first, _, _ = load(port, path, 1, 3600, 1)
                print(f"{backend}: {name}, {args.clients} clients, ≤ {args.seconds:g} s …",
                      flush=True)
                latencies, failures, wall = load(port, path, args.clients, args.seconds,
                                                 args.max_requests)
                cuts = statistics.quantiles(latencies, n=100, method="inclusive")
                figures.append(Figure(
                    page=name, backend=backend, items=args.items, clients=args.clients,
                    threads=args.threads, requests=len(latencies), failures=len(failures),
                    seconds=round(wall, 1), rps=round(len(latencies) / wall, 2),
                    p50_ms=round(statistics.median(latencies) * 1000, 1),
                    p99_ms=round(cuts[98] * 1000, 1),
                    first_ms=round(first[0] * 1000, 1) if first else 0.0,
                    failed_as=", ".join(f"{k} ×{n}" for k, n in Counter(failures).items())))
                print(f"  {figures[-1]}", flush=True)
        return figures
    finally:
        datasets.drop(ds)


def markdown(figures: Sequence[Figure], command: str) -> str:
    m = machine()
    load_avg = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        BEGIN, "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {m['nproc']} × {m['cpu']}, "
        f"{m['ram']} RAM, Python {m['python']}, PostgreSQL {m['postgresql']}, "
        f"SQLite {m['sqlite']}. Load average when done: {load_avg}.", "",
        "**The machine was shared**: other work ran on the same two cores during the run, so "
        "these figures are lower and noisier than on a machine of one's own — read them as an "
        "order of magnitude, and compare runs only on a quiet machine.", "",
        f"Rerun: `{command}`", "",
        "| page | backend | items | first request, alone | clients | server threads | "
        "requests (failed) | requests/s | p50 | p99 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for f in figures:
        failed = f"{f.failures}: {f.failed_as}" if f.failed_as else f"{f.failures}"
        lines.append(f"| {f.page} | {f.backend} | {f.items:,} | {f.first_ms:.0f} ms | "
                     f"{f.clients} | {f.threads} | "
                     f"{f.requests} ({failed}) | {f.rps:.2f} | {f.p50_ms:.0f} ms | "
                     f"{f.p99_ms:.0f} ms |")
    lines += ["", END]
    return "\n".join(lines)


def write_doc(path: Path, text: str) -> None:
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if BEGIN not in current or END not in current:
        current = current.rstrip("\n") + f"\n\n## The web view\n\n{BEGIN}\n{END}\n"
    head, _, rest = current.partition(BEGIN)
    _, _, tail = rest.partition(END)
    path.write_text(head + text + tail, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/web.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=8, help="aarshjul serve --threads")
    parser.add_argument("--seconds", type=float, default=20.0, help="Time per page (bound).")
    parser.add_argument("--max-requests", type=int, default=500,
                        help="Requests per client per page (bound).")
    parser.add_argument("--doc", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--no-write", action="store_true", help="Print only; write no file.")
    args = parser.parse_args(argv)
    command = "python bench/web.py" + "".join(f" {a}" for a in (argv or sys.argv[1:]))
    if not Path(AARSHJUL).exists():
        print(f"bench/web.py: {AARSHJUL} not found; install aarshjul first", file=sys.stderr)
    compile_package()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="aarshjul-bench-web-") as tmp:
        datasets = Datasets(Path(tmp))
        try:
            for backend in (b for b in args.backends.split(",") if b):
                figures += measure(args, datasets, backend)
        finally:
            datasets.drop_all()
    text = markdown(figures, command)
    print(json.dumps([f.__dict__ for f in figures], ensure_ascii=False, indent=1))
    if args.no_write:
        print(text)
    else:
        write_doc(Path(args.doc), text)
        print(f"wrote {args.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
