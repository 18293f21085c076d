"""The shared pages through Flask's test client: status report, årshjul, meeting, item, search."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient

from aarshjul.app import App
from aarshjul.dates.formats import quantity
from aarshjul.messages import translate
from aarshjul.services.web_access import WebAccess
from aarshjul.web.http import SECURITY_HEADERS
from aarshjul.web.report_page import report_css
from tests.web.conftest import make_site

PAGES = ["status", "status?meeting=BUU-2027-09-14", "aarshjul", "moede/BUU-2027-09-14", "organ/BUU",
         "moede/buu-2027-09-14", "punkt/1.1", "soeg", "soeg?q=trivsel"]
MARKUP = "<script>alert('x')</script> & <b>fed</b>"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.styles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("a", "link") and values.get("href"):
            self.hrefs.append(str(values["href"]))
        if tag == "style" or "style" in values:
            self.styles += 1


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def _get(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


@pytest.fixture
def marked(wheel: App) -> App:
    """An item whose title is markup, booked on BUU: it shows on every page that shows titles."""
    wheel.items.add(MARKUP, parent="1", owner="mette", due=date(2027, 5, 3))
    wheel.items.edit("1.2", description="<img src=x onerror=alert(1)>")
    wheel.meetings.book("1.2", "BUU-2027-09-14")
    return wheel


# -- each page ------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_every_page_answers_with_the_nav_the_headers_and_no_inline_style(
        client: FlaskClient, mette_token: str, page: str) -> None:
    response = client.get(f"/t/{mette_token}/{page}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="da">' in html
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    links = _parse(html)
    assert links.styles == 0  # the CSP's style-src 'self' would block it
    for target in ("", "status", "aarshjul", "soeg"):
        assert f"/t/{mette_token}/{target}" in links.hrefs
    assert "<script" not in html.lower()


def test_the_status_page_is_the_librarys_report_with_its_css_from_the_site(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    html = _get(client, f"/t/{mette_token}/status")
    assert "Statusrapport" in html and "Trivsel i dagtilbud" in html
    assert '<link rel="stylesheet" href="/rapport.css">' in html
    assert "<svg" in html and f'href="/t/{mette_token}/moede/BUU-2027-09-14"' in html
    css = client.get("/rapport.css")
    assert css.status_code == 200 and css.mimetype == "text/css"
    assert css.get_data(as_text=True) == report_css()
    rules = report_css()
    assert ".tree td.title" in rules and ".tree tr.d3 td.title { --depth: 2; }" in rules
    for name, value in SECURITY_HEADERS.items():
        assert css.headers[name] == value


def test_the_status_page_for_a_meeting_names_it_and_an_unknown_meeting_is_404(
        client: FlaskClient, mette_token: str) -> None:
    html = _get(client, f"/t/{mette_token}/status?meeting=BUU-2027-09-14")
    assert "14. september 2027" in html and "Rådhuset" in html
    response = client.get(f"/t/{mette_token}/status?meeting=KB-2030-01-01")
    assert response.status_code == 404 and b"Trivsel" not in response.data


def test_the_wheel_page_links_every_coming_meeting_and_each_link_answers(
        client: FlaskClient, mette_token: str) -> None:
    html = _get(client, f"/t/{mette_token}/aarshjul")
    assert "<svg" in html and 'role="img"' in html and "<figcaption>" in html
    assert "<h3>Juni 2027</h3>" in html and "<h3>September 2027</h3>" in html
    meetings = sorted({h for h in _parse(html).hrefs if "/moede/" in h})
    assert meetings == [f"/t/{mette_token}/moede/BUU-2027-09-14",
                        f"/t/{mette_token}/moede/OMU-2027-06-10"]
    # The picture's links (pointer only) and the text list's links lead to the same pages.
    assert html.count(f'href="{meetings[0]}" tabindex="-1"') == 1
    for href in meetings:
        assert "sagsfrist" in _get(client, href).lower()


def test_the_meeting_page_shows_the_meeting_and_its_bookings(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    html = _get(client, f"/t/{mette_token}/moede/BUU-2027-09-14")
    assert "<h1>Børne- og Ungdomsudvalget (BUU), tirsdag den 14. september 2027</h1>" in html
    assert "<dd>tirsdag den 14. september 2027</dd>" in html
    assert "<dd>16:00</dd>" in html and "<dd>Rådhuset</dd>" in html
    assert "<dd>tirsdag den 31. august 2027</dd>" in html  # sagsfrist: 10 working days before
    assert f'href="/t/{mette_token}/punkt/1.1"' in html
    assert "Trivsel i dagtilbud" in html and "Mette Holm" in html
    assert wheel.items.show("1.1").state_label in html
    assert "Børne- og ungestrategi" not in html  # booked on OMU, not here
    assert f'href="/t/{mette_token}/status?meeting=BUU-2027-09-14"' in html


@pytest.mark.parametrize("page", ["moede/NOPE", "moede/BUU-2027-09-15", "moede/BUU-2027-13-45",
                                  "punkt/9", "punkt/x.y", "punkt/1.1.1.1.1.1"])
def test_an_unknown_meeting_or_item_is_404(client: FlaskClient, mette_token: str,
                                           page: str) -> None:
    response = client.get(f"/t/{mette_token}/{page}")
    assert response.status_code == 404
    assert "Siden findes ikke." in response.get_data(as_text=True)


def test_the_item_page_shows_state_owner_texts_moves_meetings_and_history(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    wheel.items.edit("1.1", description="Alle børn skal trives.\nOgså om sommeren.")
    view = wheel.items.show("1.1")
    html = _get(client, f"/t/{mette_token}/punkt/1.1")
    assert "Trivsel i dagtilbud" in html and view.state_label in html and "Mette Holm" in html
    assert "Alle børn skal trives.\nOgså om sommeren." in html
    assert "<dd>Indsatsområde</dd>" in html and "indsatsomraade" not in html  # a label, no key
    assert f'href="/t/{mette_token}/punkt/1"' in html  # the parent
    assert f'href="/t/{mette_token}/moede/BUU-2027-09-14"' in html
    assert "Mulige træk nu" in html and view.allowed[0].label in html
    assert "Historik" in html and "oprettet" in html and "booket: BUU 14.09.2027" in html
    assert "Underpunkter" not in html
    parent = _get(client, f"/t/{mette_token}/punkt/1")
    assert "Underpunkter" in parent and f'href="/t/{mette_token}/punkt/1.1"' in parent


def test_mine_frister_links_each_item_and_meeting_to_its_page(client: FlaskClient,
                                                              mette_token: str) -> None:
    html = _get(client, f"/t/{mette_token}/")
    assert f'<a href="/t/{mette_token}/punkt/1.1">1.1</a>' in html
    assert f'<a href="/t/{mette_token}/moede/BUU-2027-09-14">' in html


def test_the_nav_marks_the_current_page_and_a_skip_link_leads_to_the_content(
        client: FlaskClient, mette_token: str) -> None:
    for page, name in (("", "Mine frister"), ("aarshjul", "Årshjulet"), ("soeg", "Søg"),
                       ("status", "Statusrapport")):
        html = _get(client, f"/t/{mette_token}/{page}")
        assert f'href="/t/{mette_token}/{page}" aria-current="page">{name}</a>' in html
        assert html.count('aria-current="page"') == 1
    html = _get(client, f"/t/{mette_token}/punkt/1")
    assert '<a class="skip" href="#main">' in html and '<main id="main">' in html


def test_search_finds_by_title_and_by_number_and_says_when_nothing_matches(
        client: FlaskClient, mette_token: str) -> None:
    form = _get(client, f"/t/{mette_token}/soeg")
    assert f'<form method="get" action="/t/{mette_token}/soeg"' in form
    assert '<label for="q">' in form and 'id="q" name="q"' in form
    by_title = _get(client, f"/t/{mette_token}/soeg?q=TRIVSEL")
    assert f'href="/t/{mette_token}/punkt/1.1"' in by_title
    assert f'href="/t/{mette_token}/punkt/1"' not in by_title
    by_ref = _get(client, f"/t/{mette_token}/soeg?q=1")
    assert f'href="/t/{mette_token}/punkt/1"' in by_ref
    assert f'href="/t/{mette_token}/punkt/1.1"' in by_ref
    none = _get(client, f"/t/{mette_token}/soeg?q=findes+ikke")
    assert "Ingen punkter passer" in none and 'value="findes ikke"' in none


def test_the_csp_lets_a_form_send_only_to_the_site(client: FlaskClient) -> None:
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "form-action 'self'" in csp and "'unsafe-inline'" not in csp
    assert "script-src" not in csp and "default-src 'none'" in csp


# -- escaping -------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["status", "aarshjul", "moede/BUU-2027-09-14", "punkt/1.2",
                                  "soeg?q=script", "soeg?q=%3Cscript%3E"])
def test_a_title_with_markup_is_text_on_every_page_that_shows_titles(
        client: FlaskClient, marked: App, mette_token: str, page: str) -> None:
    html = _get(client, f"/t/{mette_token}/{page}")
    assert "&lt;script&gt;alert(" in html
    assert "<script" not in html.lower() and "<b>" not in html and "<img" not in html


# -- who sees what --------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_unknown_revoked_and_forgotten_tokens_get_a_404_on_every_page(
        client: FlaskClient, wheel: App, access: WebAccess, mette_token: str,
        dir_token: str, page: str) -> None:
    guessed = mette_token[:-1] + ("A" if mette_token[-1] != "A" else "B")
    for token in (guessed, "kort", "x" * 200):
        response = client.get(f"/t/{token}/{page}")
        assert response.status_code == 404
        assert b"Trivsel" not in response.data and b"<svg" not in response.data
    access.revoke("mette")
    assert client.get(f"/t/{mette_token}/{page}").status_code == 404
    wheel.people.forget("dir")
    assert client.get(f"/t/{dir_token}/{page}").status_code == 404


@pytest.mark.parametrize("page", ["aarshjul", "moede/BUU-2027-09-14", "punkt/1", "soeg?q=1"])
def test_the_shared_pages_are_the_same_for_every_leader_but_mine_frister_is_not(
        client: FlaskClient, mette_token: str, dir_token: str, page: str) -> None:
    mette = _get(client, f"/t/{mette_token}/{page}").replace(mette_token, "TOKEN")
    director = _get(client, f"/t/{dir_token}/{page}").replace(dir_token, "TOKEN")
    assert mette == director
    assert mette_token not in director and dir_token not in mette
    own = _get(client, f"/t/{mette_token}/")
    assert "Trivsel i dagtilbud" in own and "Børne- og ungestrategi" not in own


def test_every_link_on_every_page_answers(client: FlaskClient, marked: App,
                                          mette_token: str) -> None:
    seen: set[str] = set()
    todo = [f"/t/{mette_token}/"]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        with client.get(path) as response:
            assert response.status_code == 200, path
            if response.mimetype == "text/html":
                todo += [h.split("#")[0] for h in _parse(response.get_data(as_text=True)).hrefs
                         if h.startswith("/")]
    assert any("/moede/" in p for p in seen) and any("/punkt/" in p for p in seen)
    assert "/rapport.css" in seen and any(p.endswith(".ics") for p in seen)


# -- behind a single sign-on proxy ----------------------------------------------------------------


@pytest.fixture
def proxied(wheel: App) -> Iterator[Flask]:
    site = make_site(wheel, trusted_header="X-Remote-User")
    yield site
    site.extensions["aarshjul.db"].dispose()


@pytest.mark.parametrize("page", PAGES)
def test_the_pages_answer_under_mine_for_the_trusted_login(proxied: Flask, page: str) -> None:
    client = proxied.test_client()
    response = client.get(f"/mine/{page}", headers={"X-Remote-User": "mette"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "/t/" not in html
    hrefs = _parse(html).hrefs
    assert "/mine" in hrefs and "/mine/aarshjul" in hrefs and "/mine/soeg" in hrefs
    denied = client.get(f"/mine/{page}", headers={"X-Remote-User": "nobody"})
    assert denied.status_code == 403 and b"Trivsel" not in denied.data
    assert client.get(f"/mine/{page}").status_code == 403


def test_the_mine_pages_are_404_without_a_trusted_header(client: FlaskClient) -> None:
    for page in PAGES:
        assert client.get(f"/mine/{page}", headers={"X-Remote-User": "mette"}).status_code == 404


# -- language, methods, log -----------------------------------------------------------------------


def test_the_pages_speak_english_when_the_context_does(wheel: App, mette_token: str) -> None:
    site = make_site(wheel, ctx_factory=lambda _org: replace(wheel.ctx, lang="en"))
    client = site.test_client()
    try:
        for page in ("status", "aarshjul", "moede/BUU-2027-09-14", "punkt/1.1", "soeg?q=x"):
            html = _get(client, f"/t/{mette_token}/{page}")
            assert '<html lang="en">' in html and "Status report" in html, page
            assert "Mine frister" not in html
        assert "Tuesday 14 September 2027" in _get(client,
                                                   f"/t/{mette_token}/moede/BUU-2027-09-14")
    finally:
        site.extensions["aarshjul.db"].dispose()


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_the_pages_are_read_only(client: FlaskClient, mette_token: str, method: str) -> None:
    for page in ("status", "aarshjul", "moede/BUU-2027-09-14", "punkt/1.1", "soeg?q=1"):
        response = client.open(f"/t/{mette_token}/{page}", method=method)
        assert response.status_code == 405 and b"Trivsel" not in response.data


def test_the_log_of_the_pages_holds_no_token(client: FlaskClient, mette_token: str,
                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="aarshjul.web")
    for page in ("status", "aarshjul", "moede/BUU-2027-09-14", "punkt/1.1", "soeg?q=1"):
        client.get(f"/t/{mette_token}/{page}")
    lines = [r.getMessage() for r in caplog.records if r.name == "aarshjul.web"]
    assert [re.sub(r" 200 .*", "", line) for line in lines] == [
        "GET /t/…/status", "GET /t/…/aarshjul", "GET /t/…/moede/BUU-2027-09-14",
        "GET /t/…/punkt/1.1", "GET /t/…/soeg"]
    assert all(mette_token not in r.getMessage() for r in caplog.records)


def test_the_status_page_offers_the_coming_meetings_as_a_choice_in_a_get_form(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    wheel.meetings.add("LEDERMOEDE", date(2027, 3, 2))
    wheel.meetings.add("LEDERMOEDE", date(2027, 2, 2))  # held: not offered
    html = _get(client, f"/t/{mette_token}/status")
    form = html[html.index('<form class="choice"'):html.index("</form>")]
    assert f'method="get" action="/t/{mette_token}/status"' in form
    assert '<label for="meeting">Statusrapport til møde</label>' in form
    assert '<select id="meeting" name="meeting">' in form
    assert '<option value="" selected>Intet møde' in form
    values = re.findall(r'<option value="([^"]+)"', form)
    assert values == ["LEDERMOEDE-2027-03-02", "BUU-2027-09-14", "OMU-2027-06-10"]
    assert '<optgroup label="Ledermøde">' in form
    assert ">Børne- og Ungdomsudvalget (BUU), tirsdag den 14. september 2027 16:00</option>" in form
    chosen = _get(client, f"/t/{mette_token}/status?meeting=buu-2027-09-14")
    assert '<option value="BUU-2027-09-14" selected>' in chosen
    assert '<option value="" selected>' not in chosen
    # The choice is the report of `report status --for-meeting`: its heading names the meeting.
    assert "<span class=\"for\">til BUU&#39;s møde tirsdag den 14. september 2027" in chosen
    assert '<span class="for">' not in html
    past = _get(client, f"/t/{mette_token}/status?meeting=LEDERMOEDE-2027-02-02")
    assert '<option value="LEDERMOEDE-2027-02-02" selected>' in past


_KEY = re.compile(r"\b(ui|web|report|action|weblink)\.[a-z_]+\b")


def test_no_page_shows_a_message_key_in_place_of_a_sentence(
        client: FlaskClient, marked: App, mette_token: str) -> None:
    marked.items.add("Gammel frist", parent="1", owner="mette", due=date(2027, 2, 1))
    for page in ["", *PAGES]:
        html = _get(client, f"/t/{mette_token}/{page}")
        text = re.sub(r"<[^>]+>", " ", html)
        assert not _KEY.search(text), (page, _KEY.search(text))
    assert "overskredet (" in _get(client, f"/t/{mette_token}/")


_MONTHS = {"da": "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november"
                 "|december",
           "en": "January|February|March|April|May|June|July|August|September|October|November"
                 "|December"}
_LONG = {"da": r"\b\d{1,2}\. (?:%s) \d{4}", "en": r"\b\d{1,2} (?:%s) \d{4}"}
_WEEKDAY = {"da": r"(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag) den $",
            "en": r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) $"}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_long_date_on_every_page_names_its_weekday(marked: App, mette_token: str,
                                                         lang: str) -> None:
    """"tirsdag den 15. december 2026" on the pages as everywhere else (issue 17): no date in
    words without its weekday, and no ISO date in the text."""
    site = make_site(marked, ctx_factory=lambda _org: replace(marked.ctx, lang=lang))
    client = site.test_client()
    found: list[str] = []
    try:
        for page in ["", *PAGES]:
            text = re.sub(r"<[^>]+>", " | ", _get(client, f"/t/{mette_token}/{page}"))
            text = re.sub(r"\s+", " ", text)
            dates = list(re.finditer(_LONG[lang] % _MONTHS[lang], text))
            found += [m.group() for m in dates]
            bare = [text[m.start() - 60:m.end()] for m in dates
                    if not re.search(_WEEKDAY[lang], text[:m.start()])]
            assert bare == [], (page, bare)
            assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), (page, text)
    finally:
        site.extensions["aarshjul.db"].dispose()
    assert len(found) > 10  # the pages do show dates


def test_a_bodys_page_lists_its_meetings_with_links_and_the_pages_link_to_it(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    wheel.meetings.add("BUU", date(2027, 10, 5))
    wheel.meetings.cancel("BUU-2027-10-05")
    wheel.meetings.add("BUU", date(2026, 1, 6))  # more than a year back: not shown
    html = _get(client, f"/t/{mette_token}/organ/buu")
    assert "<h1>Børne- og Ungdomsudvalget (BUU)</h1>" in html
    assert "10 arbejdsdage før mødet" in html
    rows = re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a>([^<]*)</th>', html)
    assert rows == [(f"/t/{mette_token}/moede/BUU-2027-09-14", "tirsdag den 14. september 2027",
                     ""),
                    (f"/t/{mette_token}/moede/BUU-2027-10-05", "tirsdag den 5. oktober 2027",
                     " – aflyst")]
    assert '<td class="num">1</td>' in html and "OMU" not in html.split("<main", 1)[1]
    meeting = _get(client, f"/t/{mette_token}/moede/BUU-2027-09-14")
    assert f'<a href="/t/{mette_token}/organ/BUU">Børne- og Ungdomsudvalget (BUU)</a>' in meeting
    wheel_page = _get(client, f"/t/{mette_token}/aarshjul")
    assert f'href="/t/{mette_token}/organ/OMU"' in wheel_page
    assert client.get(f"/t/{mette_token}/organ/NOPE").status_code == 404


def test_the_item_page_shows_the_path_through_the_process_and_its_indicators(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    wheel.indicators.add("1.1", name="Trivsel", unit="%", baseline="60@2026",
                         targets=["80@2028"])
    wheel.indicators.measure("1.1", "Trivsel", "65", date(2027, 2, 1))
    view = wheel.items.show("1.1")
    html = _get(client, f"/t/{mette_token}/punkt/1.1")
    path = html[html.index('<ol class="path">'):html.index("</ol>")]
    steps = re.findall(r"<li[^>]*>([^<]+)</li>", path)
    assert len(steps) >= 3 and "Trukket tilbage" not in steps
    assert f'<li aria-current="step" class="current">{view.state_label} (nu)</li>' in path
    assert path.count("aria-current") == 1
    table = html[html.index("<h2>Indikatorer</h2>"):]
    assert "<th scope=\"row\">Trivsel (%)</th>" in table
    assert "65 % (mandag den 1. februar 2027)" in table
    expected = wheel.indicators.query("1.1")[0]
    assert expected.expected is not None
    assert f"{quantity(expected.expected, '%', 'da')}</td>" in table  # "65,9 %"
    assert f"<td>{translate('indicator.' + expected.status)}</td>" in table
    no_indicators = _get(client, f"/t/{mette_token}/punkt/1")
    assert "<h2>Indikatorer</h2>" not in no_indicators

def test_a_theme_meeting_page_has_its_title_and_no_sagsfrist_and_an_orientation_is_marked(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    wheel.meetings.add_body("TEMA", name="Temamøder i KB", deadline_days=None)
    wheel.meetings.add("TEMA", date(2027, 4, 20), title="Temamøde: det lange perspektiv")
    html = _get(client, f"/t/{mette_token}/moede/TEMA-2027-04-20")
    assert "<p>Temamøde: det lange perspektiv</p>" in html and "<dd>ingen</dd>" in html
    wheel.meetings.book("1.1", "BUU-2027-09-14", orientation=True)
    item = _get(client, f"/t/{mette_token}/punkt/1.1")
    assert "14. september 2027</a> (til orientering)" in item
