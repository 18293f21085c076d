"""End to end: Debian's Chromium, driven by Playwright, against a real ``aarshjul serve``.

Every page a leader reaches from their link renders with no console error (a style or form the
Content-Security-Policy blocks is one, and so is a failed request such as a missing favicon)
and no request leaves 127.0.0.1. The browser is the system's, launched as in
``tests/reports/test_html_browser.py``: Playwright never downloads one, and a missing browser
fails the test with a message saying how to install it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from aarshjul.app import App
from tests.reports.test_html_browser import ARGS, CHROMIUM


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail("Chromium is not installed; install it with: "
                    "apt-get update && apt-get install -y chromium", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is not installed; install it with: pip install -e '.[dev]' "
                    "(never 'playwright install': the tests use Debian's Chromium)",
                    pytrace=False)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=ARGS)
        try:
            yield instance
        finally:
            instance.close()


def test_every_page_renders_without_errors_or_outside_requests(
        browser: Any, wheel: App, mette_token: str, server: str) -> None:
    wheel.items.add("<script>alert('x')</script>", parent="1", owner="mette",
                    due=date(2027, 5, 3))
    page = browser.new_page(java_script_enabled=False)
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {urlsplit(r.url).path}")
            if r.status >= 400 else None)
    page.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
    page.on("request", lambda r: outside.append(r.url)
            if urlsplit(r.url).hostname != "127.0.0.1" else None)
    home = f"{server}/t/{mette_token}/"

    page.goto(home)
    assert page.locator("h1").inner_text() == "Mine frister"
    for name, heading in (("Statusrapport", "Statusrapport"), ("Årshjulet", "Årshjulet")):
        page.get_by_role("navigation", name="Sider").get_by_role("link", name=name).click()
        assert page.locator("h1").first.inner_text().startswith(heading)
    # The report's stylesheet applied: the masthead is styled by /rapport.css, not inline.
    page.goto(f"{server}/t/{mette_token}/status")
    assert page.locator("link[rel=stylesheet]").get_attribute("href") == "/rapport.css"
    assert page.evaluate("() => document.styleSheets[0].cssRules.length") > 20

    page.goto(f"{server}/t/{mette_token}/aarshjul")
    page.get_by_role("link", name="Børne- og Ungdomsudvalget (BUU), 14. september 2027").click()
    assert page.locator("h1").inner_text() == "Børne- og Ungdomsudvalget (BUU), 14. september 2027"
    page.get_by_role("link", name="1.1", exact=True).click()
    assert "Trivsel i dagtilbud" in page.locator("h1").inner_text()

    page.get_by_role("link", name="Søg").click()
    page.get_by_label("Søg efter titel eller nummer").fill("script")
    page.get_by_role("button", name="Søg").click()
    assert page.url.endswith("/soeg?q=script")
    assert "<script>alert('x')</script>" in page.get_by_role("table").inner_text()

    assert errors == []
    assert outside == []
    page.close()
