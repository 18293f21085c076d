"""The HTML status report in a real browser: Debian's Chromium, driven by Playwright.

The page must load with no console message and no page error, fetch nothing but itself, show
the wheel at a real size, have its tables, and show a ``<script>`` title as text. Chromium comes
from Debian's package (``.ci/run`` installs it when missing); Playwright's own browser download
is never used. A missing browser fails the test with a message saying how to install it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aarshjul.app import App
from aarshjul.context import Context
from aarshjul.dates.timeutil import parse_datetime
from aarshjul.reports.status_data import sections
from tests.conftest import Cli, with_demo
from tests.snapshots import Snapshots

TITLE = "Ny plan <script>alert(1)</script>"


@pytest.fixture
def report_file(db_url: str, tmp_path: Path, snapshots: Snapshots) -> Path:
    """The demo's report, with a hostile title booked on a coming meeting."""
    with_demo(snapshots, Cli(db_url, now="2026-11-23T10:00"))
    app = App(db_url, Context(actor="sek", now=parse_datetime("2026-11-23T10:00")))
    try:
        app.items.add(TITLE, owner="mette")
        app.meetings.book("5", "OMU-2026-12-09")
        app.moves.advance(["5"], note="Fra </td></table> til <b>fed</b>")
        path = tmp_path / "report.html"
        written = app.reports.export("html", path, since=date(2026, 10, 1))
    finally:
        app.db.dispose()
    assert written.path == path
    return path


def test_the_report_opens_cleanly_in_chromium(browser: Any, report_file: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    console: list[str] = []
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    url = report_file.as_uri()
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")

    assert console == [] and errors == []
    assert requests == [url]  # nothing external: no fonts, images, styles or scripts

    wheel = page.locator("figure.wheel svg")
    assert wheel.count() == 1 and wheel.is_visible()
    box = wheel.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 300
    assert wheel.get_attribute("role") == "img"
    assert "Årshjul" in page.locator("#wheel-title").text_content()

    for table in ("counts-table", "activity-table", "changes-table", "overdue-table",
                  "soon-table", "items-table", "handlemaal-table", "tree-table"):
        located = page.locator(f"#{table}")
        assert located.count() == 1 and located.is_visible(), table
        assert located.locator("caption").count() == 1, table
        assert located.locator("tbody tr").count() >= 1, table
    assert page.locator("#items-table tbody tr").count() == 15
    assert page.locator("h1").count() == 1 and page.locator("h2").count() == len(sections("da"))

    assert page.evaluate("document.scripts.length") == 0
    assert page.locator("#items-table").get_by_text(TITLE, exact=True).count() == 1
    assert page.locator("#tree-table").get_by_text(TITLE, exact=True).count() == 1
    changes = page.locator("#changes-table").inner_text()
    assert "Fra </td></table> til <b>fed</b>" in changes
    assert page.locator("#changes-table b").count() == 0
    assert TITLE in page.locator("#wheel-desc").text_content()
    page.close()


def test_the_report_prints_on_a4(browser: Any, report_file: Path) -> None:
    page = browser.new_page()
    page.goto(report_file.as_uri(), wait_until="load")
    page.emulate_media(media="print")
    assert page.locator("nav.toc").is_hidden()
    page.set_viewport_size({"width": 703, "height": 1000})  # A4 less the page margins
    assert page.evaluate("document.documentElement.scrollWidth") <= 703  # nothing sticks out
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 3
    page.close()
