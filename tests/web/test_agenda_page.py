"""The agenda on the meeting page and its documents to download (issue 18, point 2), through
Flask's test client on both backends: the points as the agenda numbers them, every text escaped,
a bilag on the server's disk never linked or named by its path, the downloads in their formats."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from aarshjul.app import App
from aarshjul.services.agenda import freeze
from aarshjul.services.meetings import find_meeting
from aarshjul.web.http import SECURITY_HEADERS
from aarshjul.web.pages import pdf_available
from tests.conftest import app_at
from tests.web.conftest import make_site

MEETING = "BUU-2027-09-14"


def _page(client: FlaskClient, token: str, meeting: str = MEETING) -> str:
    response = client.get(f"/t/{token}/moede/{meeting}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_meeting_page_shows_the_numbered_agenda_and_its_status(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    wheel.agenda_editor.edit(MEETING, "1.1", kind="drøftelse",
                             texts={"indstilling": "At udvalget drøfter trivslen.\n\nOg mere."})
    html = _page(client, mette_token)
    assert '<h2 id="dagsorden">Dagsorden</h2>' in html
    assert "åben for sager; ikke udsendt endnu" in html
    # godkendelse af dagsorden first, then the case, then meddelelser and eventuelt
    assert "<h3>1. Godkendelse af dagsorden</h3>" in html
    assert (f'<h3>2. <a href="/t/{mette_token}/punkt/1.1">1.1</a> Trivsel i dagtilbud</h3>'
            in html)
    assert "<dd>Drøftelse</dd>" in html and "<dd>Mette Holm</dd>" in html
    assert f"<dd>{wheel.items.show('1.1').state_label}</dd>" in html
    assert "<p>At udvalget drøfter trivslen.</p>\n" in html and "<p>Og mere.</p>" in html
    assert "<h3>4. Eventuelt</h3>" in html
    assert "Børne- og ungestrategi" not in html  # booked on OMU, not here
    with wheel.db.transaction() as s:
        freeze(s, wheel.ctx, find_meeting(s, MEETING))
    assert "dagsorden udsendt; Udsendt " in _page(client, mette_token)
    assert "(version 1)" in _page(client, mette_token)


def test_a_script_in_an_indstilling_or_a_title_shows_as_text(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    wheel.items.add("<b>Fed</b> titel", parent="1", owner="mette")
    wheel.meetings.book("1.2", MEETING)
    wheel.agenda_editor.edit(MEETING, "1.1",
                             texts={"indstilling": '<script>alert("x")</script> & mere'})
    html = _page(client, mette_token)
    assert "<script" not in html and "<b>Fed" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; mere" in html
    assert "&lt;b&gt;Fed&lt;/b&gt; titel" in html


def test_a_web_bilag_is_a_link_and_a_file_bilag_is_only_its_title(
        client: FlaskClient, wheel: App, mette_token: str, tmp_path: Path) -> None:
    secret = tmp_path / "hemmelig-mappe" / "notat.pdf"
    secret.parent.mkdir()
    secret.write_bytes(b"%PDF-1.4 notat")
    wheel.agenda_editor.attach(MEETING, "1.1", str(secret), title="Notat om trivsel")
    wheel.agenda_editor.attach(MEETING, "1.1", "https://esdh.example.dk/sag/42?x=1&y=2",
                               title="Sagen i ESDH")
    html = _page(client, mette_token)
    assert '<a href="https://esdh.example.dk/sag/42?x=1&amp;y=2">Sagen i ESDH</a>' in html
    assert "<li>Notat om trivsel</li>" in html
    assert "hemmelig-mappe" not in html and "notat.pdf" not in html
    assert str(tmp_path) not in html and "file:" not in html


def test_a_recorded_decision_shows_on_the_point(wheel: App, mette_token: str) -> None:
    held = app_at(wheel, "2027-09-14T18:00")
    held.minutes.record(MEETING, "1.1", "udsat", text="Afventer tal")
    site = make_site(held, ctx_factory=lambda _org: held.ctx)
    try:
        html = _page(site.test_client(), mette_token)
    finally:
        site.extensions["aarshjul.db"].dispose()
    assert "afholdt" in html
    assert "<h4>Beslutning</h4>\n<p>Udsat: Afventer tal</p>" in html


FORMATS = [("html", "text/html; charset=utf-8", b"<!DOCTYPE html"),
           ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK\x03\x04"),
           ("pdf", "application/pdf", b"%PDF-")]


@pytest.mark.parametrize(("fmt", "content_type", "start"), FORMATS)
def test_the_agenda_downloads_in_its_formats(
        client: FlaskClient, wheel: App, mette_token: str, fmt: str, content_type: str,
        start: bytes) -> None:
    wheel.agenda_editor.edit(MEETING, "1.1", texts={"indstilling": "At udvalget godkender."})
    link = f"/t/{mette_token}/moede/{MEETING}/dagsorden.{fmt}"
    assert f'href="{link}"' in _page(client, mette_token)
    response = client.get(link)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="dagsorden-{MEETING}.{fmt}"')
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    assert response.data.lstrip().upper().startswith(start.upper())
    if fmt == "docx":
        body = zipfile.ZipFile(io.BytesIO(response.data)).read("word/document.xml")
        assert b"At udvalget godkender." in body
    if fmt == "html":
        assert "At udvalget godkender." in response.get_data(as_text=True)


def test_without_weasyprint_there_is_no_pdf_link(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    html = _page(client, mette_token)
    assert (f'/moede/{MEETING}/dagsorden.pdf"' in html) == pdf_available()
    assert f'/moede/{MEETING}/dagsorden.docx"' in html


@pytest.mark.parametrize("path", [
    "moede/BUU-2027-09-15", "moede/NOPE", "moede/BUU-2027-09-15/dagsorden.html",
    f"moede/{MEETING}/dagsorden.md", f"moede/{MEETING}/dagsorden.exe",
    f"moede/{MEETING}/dagsorden"])
def test_an_unknown_meeting_or_format_is_not_found(
        client: FlaskClient, mette_token: str, path: str) -> None:
    response = client.get(f"/t/{mette_token}/{path}")
    assert response.status_code == 404
    assert "attachment" not in response.headers.get("Content-Disposition", "")


@pytest.mark.parametrize("path", [f"moede/{MEETING}", f"moede/{MEETING}/dagsorden.docx",
                                  f"moede/{MEETING}/dagsorden.html"])
def test_a_wrong_token_is_not_found(client: FlaskClient, mette_token: str, path: str) -> None:
    response = client.get(f"/t/{mette_token}x/{path}")
    assert response.status_code == 404
    assert b"Trivsel" not in response.data and not response.data.startswith(b"PK")


def test_behind_the_proxy_the_downloads_are_under_mine(wheel: App) -> None:
    site = make_site(wheel, trusted_header="X-Remote-User")
    client = site.test_client()
    try:
        html = client.get(f"/mine/moede/{MEETING}", headers={"X-Remote-User": "mette"}
                          ).get_data(as_text=True)
        assert f'href="/mine/moede/{MEETING}/dagsorden.docx"' in html and "/t/" not in html
        response = client.get(f"/mine/moede/{MEETING}/dagsorden.docx",
                              headers={"X-Remote-User": "mette"})
        assert response.status_code == 200 and response.data.startswith(b"PK\x03\x04")
        denied = client.get(f"/mine/moede/{MEETING}/dagsorden.docx",
                            headers={"X-Remote-User": "nobody"})
        assert denied.status_code == 403 and not denied.data.startswith(b"PK")
    finally:
        site.extensions["aarshjul.db"].dispose()


def test_the_agenda_costs_the_same_statements_for_2_or_12_points_with_texts_and_bilag(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    from tests.web.test_queries import counted

    def statements() -> int:
        with counted(client.application) as seen:
            assert client.get(f"/t/{mette_token}/moede/{MEETING}").status_code == 200
        return len(seen)

    def point(ref: str) -> None:
        wheel.agenda_editor.edit(MEETING, ref, texts={"indstilling": f"Indstilling {ref}"})
        wheel.agenda_editor.attach(MEETING, ref, f"https://esdh.example.dk/{ref}")

    wheel.items.add("Læring", parent="1", owner="mette")
    wheel.meetings.book("1.2", MEETING)
    for ref in ("1.1", "1.2"):
        point(ref)
    statements()  # warm: the workflow definitions are parsed once per process
    few = statements()
    for n in range(10):
        wheel.items.add(f"Mål {n}", parent="1.1", owner="dir")
        wheel.meetings.book(f"1.1.{n + 1}", MEETING)
        point(f"1.1.{n + 1}")
    many = statements()
    html = _page(client, mette_token)
    assert html.count('href="https://esdh.example.dk/1.') == 12
    assert html.count("<p>Indstilling 1.") == 12
    assert many == few
