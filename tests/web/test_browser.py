"""End to end: Debian's Chromium, driven by Playwright, against a real ``aarshjul serve``.

Every page a leader reaches from their link renders with no console error (a style or form the
Content-Security-Policy blocks is one, and so is a failed request such as a missing favicon)
and no request leaves 127.0.0.1. The browser is the system's, launched as in
``tests/reports/test_html_browser.py``: Playwright never downloads one, and a missing browser
fails the test with a message saying how to install it.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from aarshjul.app import App


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
