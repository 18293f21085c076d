"""What one ``serve`` for every municipality costs a request: SQL statements and CPU time.

The demo in two organisations (SQLite, a temporary file), a personal link for ``mette`` in
each; the site is made in this process (Flask's test client, no sockets) once for the whole
installation and once with ``org`` (``serve --org``, the only way before issue 19's
multi-organisation ``serve``). For each page it prints the SQL statements one request runs
(counted on the engine: a figure that does not move with the machine's load) and the CPU time
per request (``time.process_time`` over ``--requests`` requests after one warm-up). Nothing is
asserted; the figures go in ``docs/benchmarks.md`` by hand.

    python bench/web_orgs.py --requests 200
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from aarshjul.app import App  # noqa: E402
from aarshjul.context import Context  # noqa: E402
from aarshjul.dates.timeutil import parse_datetime  # noqa: E402
from aarshjul.demo import load_demo  # noqa: E402
from aarshjul.errors import InvalidInput  # noqa: E402
from aarshjul.services.web_access import WebAccess  # noqa: E402
from aarshjul.web.views import create_app  # noqa: E402

PAGES = {"Mine frister": "/t/{t}/", "item page": "/t/{t}/punkt/1",
         "own feed": "/kalender/{t}.ics"}


def _setup(path: str) -> dict[str, str]:
    ctx = Context(actor="sek", now=parse_datetime("2026-12-03T09:00"), backdate="bench")
    tokens = {}
    made = App(path, ctx, check=False)
    made.init()
    made.db.dispose()
    first = App(path, ctx)
    load_demo(first)
    first.organisations.add("B", "Anden Kommune")
    second = App(path, ctx, org="B")
    load_demo(second)
    for org, app in (("default", first), ("B", second)):
        tokens[org] = WebAccess(app.db, ctx).issue("mette")
        app.db.dispose()
    return tokens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    statements = [0]

    @event.listens_for(Engine, "before_cursor_execute")
    def _count(*_: Any) -> None:
        statements[0] += 1

    with tempfile.TemporaryDirectory(prefix="web-orgs-") as folder:
        path = str(Path(folder) / "aarshjul.db")
        tokens = _setup(path)
        ctx = Context(actor="sek", now=parse_datetime("2026-12-03T09:00"))
        print("| page | site | SQL statements per request | CPU ms per request |")
        print("|---|---|---:|---:|")
        for label, options in (("--org default", {"org": "default"}), ("every org", {})):
            try:
                site = create_app(path, lambda *_: ctx, **options)
            except InvalidInput:  # before one serve for every organisation: org.choose
                print(f"| (all) | {label} | refused: several organisations | |")
                continue
            client = site.test_client()
            for page, pattern in PAGES.items():
                url = pattern.format(t=tokens["default"])
                assert client.get(url).status_code == 200, url
                statements[0] = 0
                assert client.get(url).status_code == 200, url
                count = statements[0]
                start = time.process_time()
                for _ in range(args.requests):
                    client.get(url)
                cpu = (time.process_time() - start) / args.requests * 1000
                print(f"| {page} | {label} | {count} | {cpu:.2f} |")
            site.extensions["aarshjul.db"].dispose()


if __name__ == "__main__":
    main()
