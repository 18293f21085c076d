"""WCAG 2.1 AA, checked on every page by hand-written rules (axe-core is not available offline).

What is checked here, through Flask's test client (the browser half is in ``test_browser.py``):
the page's language, one ``<h1>`` and no skipped heading level, a label for every form field, a
skip link first on the page that leads to ``<main>``, a name for every link a keyboard reaches,
no positive ``tabindex``, the wheel picture named and described; and in both stylesheets, the
contrast of every text colour on its background (≥ 4.5:1) and of every focus outline on the page
(≥ 3:1), and a visible focus style for links and form fields. docs/web.md lists the same.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib.resources import files

import pytest
from flask.testing import FlaskClient

from aarshjul.app import App
from aarshjul.web.report_page import report_css

PAGES = ["", "status", "status?meeting=BUU-2027-09-14", "aarshjul", "moede/BUU-2027-09-14",
         "organ/BUU", "punkt/1", "punkt/1.1", "soeg", "soeg?q=trivsel"]
FIELDS = ("input", "select", "textarea")


class _Page(HTMLParser):
    """What the rules need of a page: headings, fields, labels, links, ids, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.headings: list[int] = []
        self.fields: list[dict[str, str | None]] = []
        self.labels: set[str] = set()
        self.ids: set[str] = set()
        self.links: list[dict[str, str | None]] = []
        self.tabindex: list[str] = []
        self.svgs: list[dict[str, str | None]] = []
        self._link: dict[str, str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if values.get("tabindex"):
            self.tabindex.append(str(values["tabindex"]))
        if tag == "html":
            self.lang = values.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag in FIELDS:
            self.fields.append(values)
        elif tag == "label" and values.get("for"):
            self.labels.add(str(values["for"]))
        elif tag == "svg":
            self.svgs.append(values)
        elif tag == "a" and self._link is None:
            self._link, self._text = values, []

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self._link["text"] = " ".join("".join(self._text).split())
            self.links.append(self._link)
            self._link = None


def _page(client: FlaskClient, path: str) -> tuple[_Page, str]:
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.get_data(as_text=True)
    parsed = _Page()
    parsed.feed(html)
    return parsed, html


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_its_language_one_h1_and_no_skipped_heading_level(
        client: FlaskClient, mette_token: str, page: str) -> None:
    parsed, _ = _page(client, f"/t/{mette_token}/{page}")
    assert parsed.lang == "da"
    assert parsed.headings.count(1) == 1 and parsed.headings[0] == 1, parsed.headings
    for before, after in zip(parsed.headings, parsed.headings[1:], strict=False):
        assert after <= before + 1, parsed.headings


@pytest.mark.parametrize("page", PAGES)
def test_every_field_has_a_label_and_every_reachable_link_a_name(
        client: FlaskClient, mette_token: str, page: str) -> None:
    parsed, _ = _page(client, f"/t/{mette_token}/{page}")
    for field in parsed.fields:
        if field.get("type") in ("hidden", "submit", "button"):
            continue
        assert field.get("id") in parsed.labels or field.get("aria-label"), field
    assert all(int(value) <= 0 for value in parsed.tabindex), parsed.tabindex
    for link in parsed.links:
        if link.get("tabindex") == "-1":
            continue  # the wheel's pointer-only links; the text list carries the same
        assert link.get("text") or link.get("aria-label"), link
        assert link.get("href"), link


@pytest.mark.parametrize("page", PAGES)
def test_a_skip_link_comes_first_and_leads_to_the_main_content(
        client: FlaskClient, mette_token: str, page: str) -> None:
    parsed, html = _page(client, f"/t/{mette_token}/{page}")
    first = parsed.links[0]
    assert first.get("class") == "skip" and first.get("href") == "#main"
    assert first.get("text") == "Gå til indholdet"
    assert "main" in parsed.ids and html.count('<main id="main">') == 1


@pytest.mark.parametrize("page", ["aarshjul", "status"])
def test_the_wheel_is_a_named_picture_with_a_text_description(
        client: FlaskClient, mette_token: str, page: str) -> None:
    parsed, html = _page(client, f"/t/{mette_token}/{page}")
    wheel = parsed.svgs[0]
    assert wheel.get("role") == "img"
    assert wheel.get("aria-labelledby") == "wheel-title wheel-desc"
    assert {"wheel-title", "wheel-desc"} <= parsed.ids
    desc = re.search(r'<desc id="wheel-desc">([^<]+)</desc>', html)
    assert desc is not None and "BUU" in desc.group(1)


def test_the_wheel_page_lists_its_meetings_as_text_with_the_same_links(
        client: FlaskClient, mette_token: str) -> None:
    parsed, _ = _page(client, f"/t/{mette_token}/aarshjul")
    pointer = {str(a["href"]) for a in parsed.links if a.get("tabindex") == "-1"}
    keyboard = {str(a["href"]) for a in parsed.links if a.get("tabindex") is None
                and "/moede/" in str(a.get("href"))}
    assert pointer and pointer == keyboard


def test_the_english_pages_say_so(wheel: App, mette_token: str) -> None:
    from dataclasses import replace

    from tests.web.conftest import make_site

    site = make_site(wheel, ctx_factory=lambda _org: replace(wheel.ctx, lang="en"))
    try:
        for page in ("", "status", "aarshjul"):
            parsed, _ = _page(site.test_client(), f"/t/{mette_token}/{page}")
            assert parsed.lang == "en"
    finally:
        site.extensions["aarshjul.db"].dispose()


# -- the stylesheets ------------------------------------------------------------------------------

WHITE = (255, 255, 255)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def _site_css() -> str:
    return files("aarshjul.web").joinpath("static/style.css").read_text("utf-8")


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for selector, body in _RULE.findall(css):
        decls = {}
        for part in body.split(";"):
            if ":" in part:
                name, value = part.split(":", 1)
                decls[name.strip()] = value.strip()
        found.append((" ".join(selector.split()), decls))
    return found


def _colour(value: str | None, variables: dict[str, str]) -> tuple[int, int, int] | None:
    if not value:
        return None
    value = re.sub(r"var\((--[\w-]+)\)", lambda m: variables.get(m.group(1), ""), value)
    found = _HEX.search(value)
    if found is None:
        return None
    digits = found.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2.1's contrast ratio, 1 to 21."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_is_wcags() -> None:
    assert contrast((0, 0, 0), WHITE) == pytest.approx(21)
    assert contrast(WHITE, WHITE) == pytest.approx(1)
    assert contrast((0x76, 0x76, 0x76), WHITE) == pytest.approx(4.54, abs=0.01)
    assert contrast((0xf2, 0xb7, 0x05), WHITE) < 3  # the old focus yellow: too faint


def contrast_failures(css: str) -> list[str]:
    """Each rule's text colour on its own background (or the page's white), ≥ 4.5:1; a rule
    that sets only a background is read with the body's text colour; outlines ≥ 3:1 on white."""
    rules = _rules(css)
    variables = {k: v for selector, decls in rules if selector == ":root"
                 for k, v in decls.items() if k.startswith("--")}
    body = next(d for s, d in rules if s == "body")
    assert _colour(body.get("background"), variables) == WHITE
    ink = _colour(body.get("color"), variables)
    assert ink is not None
    failures = []
    for selector, decls in rules:
        fg = _colour(decls.get("color"), variables)
        bg = _colour(decls.get("background-color") or decls.get("background"), variables)
        if fg is not None or bg is not None:
            ratio = contrast(fg or ink, bg or WHITE)
            if ratio < 4.5:
                failures.append(f"{selector}: text {ratio:.2f}:1")
        outline = _colour(decls.get("outline"), variables)
        if outline is not None and contrast(outline, WHITE) < 3:
            failures.append(f"{selector}: outline {contrast(outline, WHITE):.2f}:1")
    return failures


@pytest.mark.parametrize("sheet", ["style.css", "rapport.css"])
def test_every_text_colour_and_focus_outline_has_enough_contrast(sheet: str) -> None:
    css = _site_css() if sheet == "style.css" else report_css()
    assert contrast_failures(css) == []
    checked = [d for _s, d in _rules(css) if "color" in d or "background" in d]
    assert len(checked) >= 5


def test_the_contrast_check_catches_a_pale_colour() -> None:
    pale = _site_css().replace("--muted: #555", "--muted: #999")
    assert any(".who" in f for f in contrast_failures(pale))
    faint = _site_css().replace("--focus: #0b4f9c", "--focus: #f2b705")
    assert any("outline" in f for f in contrast_failures(faint))


@pytest.mark.parametrize("sheet", ["style.css", "rapport.css"])
def test_links_and_form_fields_show_where_the_keyboard_focus_is(sheet: str) -> None:
    css = _site_css() if sheet == "style.css" else report_css()
    focused = {s for s, d in _rules(css) if ":focus" in s and re.match(r"\d+px solid",
                                                                        d.get("outline", ""))}
    wanted = ("a", "input", "button") if sheet == "style.css" else ("a", "select", "button")
    for element in wanted:
        assert any(re.search(rf"(^|[\s,.]){element}(\.[\w-]+)?:focus", s) for s in focused), (
            element, focused)
