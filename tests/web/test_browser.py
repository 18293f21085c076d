"""End to end: Debian's Chromium, driven by Playwright, against a real ``aarshjul serve``.

Every page a leader reaches from their link renders with no console error (a style or form the
Content-Security-Policy blocks is one, and so is a failed request such as a missing favicon)
and no request leaves 127.0.0.1. The browser is the system's, launched as in
``tests/reports/test_html_browser.py``: Playwright never downloads one, and a missing browser
fails the test with a message saying how to install it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import pytest

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
    buu = "Børne- og Ungdomsudvalget (BUU), tirsdag den 14. september 2027"
    page.get_by_role("link", name=buu).click()
    assert page.locator("h1").inner_text() == buu
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


_FOCUSED = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  return [e.tagName.toLowerCase(), (e.textContent || '').trim().replace(/\\s+/g, ' '),
          e.getAttribute('href') || e.id || '', s.outlineStyle, parseFloat(s.outlineWidth)];
}"""


def _tab_through(page: Any, count: int) -> list[tuple[str, str, str]]:
    """Press Tab ``count`` times; each focused element, which must show a visible outline."""
    seen = []
    for _ in range(count):
        page.keyboard.press("Tab")
        tag, text, target, style, width = page.evaluate(_FOCUSED)
        if tag == "body":
            break
        assert style != "none" and width >= 2, (tag, text, style, width)
        seen.append((tag, text, target))
    return seen


def _watch(page: Any) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {urlsplit(r.url).path}")
            if r.status >= 400 else None)
    page.on("request", lambda r: outside.append(r.url)
            if urlsplit(r.url).hostname != "127.0.0.1" else None)
    return errors, outside


def test_the_keyboard_reaches_every_main_link_with_a_visible_focus(
        browser: Any, wheel: App, mette_token: str, server: str) -> None:
    page = browser.new_page(java_script_enabled=False)
    errors, outside = _watch(page)
    home = f"/t/{mette_token}/"
    page.goto(f"{server}{home}")
    seen = _tab_through(page, 40)
    texts = [text for _tag, text, _target in seen]
    assert seen[0] == ("a", "Gå til indholdet", "#main")
    assert texts[1:5] == ["Mine frister", "Statusrapport", "Årshjulet", "Søg"]
    targets = [target for _tag, _text, target in seen]
    for wanted in (f"{home}punkt/1.1", f"{home}moede/BUU-2027-09-14",
                   f"/kalender/{mette_token}.ics", f"/kalender/{mette_token}/aarshjul.ics"):
        assert wanted in targets, (wanted, targets)
    # The skip link skips the navigation: the next Tab lands in the content.
    page.goto(f"{server}{home}")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    # the jump is a navigation of its own: wait for it (a loaded machine is slow to make it)
    page.wait_for_function("location.hash === '#main'", timeout=10_000)
    assert page.url.endswith("#main")
    page.keyboard.press("Tab")
    assert page.evaluate(_FOCUSED)[2] == f"{home}punkt/1.1"

    # The status page: skip link, nav, then the meeting choice, which works by keyboard alone.
    page.goto(f"{server}{home}status")
    seen = _tab_through(page, 8)
    assert [s[0] for s in seen[:7]] == ["a", "a", "a", "a", "a", "select", "button"]
    assert seen[5][2] == "meeting"
    page.select_option("#meeting", "BUU-2027-09-14")
    page.focus("#meeting")
    page.keyboard.press("Tab")
    assert page.evaluate(_FOCUSED)[0] == "button"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("status?meeting=BUU-2027-09-14")
    assert "til " in page.locator("h1 .for").inner_text()

    # The wheel page: the meetings are reached as text links (the picture's are pointer-only).
    page.goto(f"{server}{home}aarshjul")
    targets = [target for _tag, _text, target in _tab_through(page, 20)]
    assert f"{home}moede/BUU-2027-09-14" in targets and f"{home}moede/OMU-2027-06-10" in targets
    assert errors == [] and outside == []
    page.close()


def _pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in boxes]


@pytest.mark.parametrize("path", ["", "status", "aarshjul", "punkt/1"])
def test_the_pages_print_on_a4_without_the_navigation(
        browser: Any, wheel: App, mette_token: str, server: str, path: str) -> None:
    page = browser.new_page(java_script_enabled=False)
    errors, outside = _watch(page)
    page.goto(f"{server}/t/{mette_token}/{path}")
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Sider").is_visible()
    assert page.locator("h1").first.is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    pages = _pdf_pages(pdf)
    assert pages, pdf[:200]
    for width, height in pages:  # A4 portrait: 210 × 297 mm = 595 × 842 pt
        assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5, (width, height)
    assert errors == [] and outside == []
    page.close()
