"""The web view through Flask's test client: every route, and every refusal."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar

from aarshjul.app import App
from aarshjul.errors import EnvironmentProblem
from aarshjul.reports.ics import deadline_uid
from aarshjul.services.web_access import WebAccess
from aarshjul.web.http import SECURITY_HEADERS
from tests.conftest import app_at
from tests.web.conftest import expected_feed, make_site


def _uids(data: bytes) -> set[str]:
    return {str(e["UID"]) for e in Calendar.from_ical(data).walk("VEVENT")}


# -- health and the login hint -----------------------------------------------------------------


def test_health_answers_ok_after_asking_the_database(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"


def test_health_is_503_when_the_database_does_not_answer(
        client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def down(self: WebAccess) -> None:
        raise EnvironmentProblem("db.unreachable", url="x", reason="gone")

    monkeypatch.setattr(WebAccess, "ping", down)
    response = client.get("/health")
    assert response.status_code == 503
    assert "ok" not in response.get_data(as_text=True)


def test_without_identity_the_front_page_is_the_login_hint_and_nothing_else(
        client: FlaskClient, mette_token: str) -> None:
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "sekretariatet" in html and "personlige link" in html
    for secret in ("Trivsel", "Mette", "Dorthe", "OMU", "BUU", mette_token, "kalender/"):
        assert secret not in html


# -- a person's page ------------------------------------------------------------------------------


def test_the_token_page_lists_the_persons_open_deadlines_with_danish_dates(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    [own] = wheel.deadlines.due(owner="mette")
    response = client.get(f"/t/{mette_token}/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Mine frister" in html and "Mette Holm" in html
    assert "Trivsel i dagtilbud" in html and own.state_label in html
    assert "31. august 2027" in html  # the sagsfrist, 10 working days before BUU
    assert "14. september 2027" in html  # the meeting
    assert f'href="/kalender/{mette_token}.ics"' in html
    assert f'href="/kalender/{mette_token}/aarshjul.ics"' in html
    assert f'href="/kalender/{mette_token}/organ/BUU.ics"' in html


def test_the_page_speaks_english_when_the_context_does(wheel: App, mette_token: str) -> None:
    from dataclasses import replace

    site = make_site(wheel, ctx_factory=lambda _org: replace(wheel.ctx, lang="en"))
    html = site.test_client().get(f"/t/{mette_token}/").get_data(as_text=True)
    site.extensions["aarshjul.db"].dispose()
    assert "My deadlines" in html and "31 August 2027" in html
    assert "Mine frister" not in html


def test_another_persons_deadlines_are_not_visible_with_ones_own_token(
        client: FlaskClient, wheel: App, mette_token: str, dir_token: str) -> None:
    mine = client.get(f"/t/{mette_token}/").get_data(as_text=True)
    theirs = client.get(f"/t/{dir_token}/").get_data(as_text=True)
    assert "Trivsel i dagtilbud" in mine and "Børne- og ungestrategi" not in mine
    assert "Børne- og ungestrategi" in theirs and "Trivsel i dagtilbud" not in theirs
    [dir_deadline] = wheel.deadlines.due(owner="dir")
    [mette_deadline] = wheel.deadlines.due(owner="mette")
    feed = client.get(f"/kalender/{mette_token}.ics").data
    assert deadline_uid(mette_deadline.key) in _uids(feed)
    assert deadline_uid(dir_deadline.key) not in _uids(feed)


def test_a_title_with_markup_is_shown_as_text(client: FlaskClient, wheel: App,
                                             mette_token: str) -> None:
    wheel.items.add("<script>alert('x')</script> & <b>fed</b>", parent="1", owner="mette",
                    due=date(2027, 5, 3))
    html = client.get(f"/t/{mette_token}/").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;fed&lt;/b&gt;" in html
    assert "<script" not in html and "<b>" not in html


@pytest.mark.parametrize("path", ["/t/{token}/", "/kalender/{token}.ics",
                                  "/kalender/{token}/aarshjul.ics",
                                  "/kalender/{token}/organ/BUU.ics"])
def test_unknown_and_revoked_tokens_get_a_404_with_no_data(
        client: FlaskClient, access: WebAccess, mette_token: str, path: str) -> None:
    assert client.get(path.format(token=mette_token)).status_code == 200
    guessed = mette_token[:-1] + ("A" if mette_token[-1] != "A" else "B")
    for token in (guessed, "kort", "x" * 200):
        response = client.get(path.format(token=token))
        assert response.status_code == 404
        assert b"Trivsel" not in response.data and b"VCALENDAR" not in response.data
    assert access.revoke("mette") == 1
    response = client.get(path.format(token=mette_token))
    assert response.status_code == 404
    assert b"Trivsel" not in response.data and b"Mette" not in response.data


def test_a_forgotten_persons_token_opens_nothing(client: FlaskClient, wheel: App,
                                                mette_token: str) -> None:
    wheel.people.forget("mette")
    assert client.get(f"/t/{mette_token}/").status_code == 404
    assert client.get(f"/kalender/{mette_token}.ics").status_code == 404


# -- calendar feeds -------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "scope"), [
    ("/kalender/{token}.ics", {"owner": "mette"}),
    ("/kalender/{token}/aarshjul.ics", {}),
    ("/kalender/{token}/organ/BUU.ics", {"body": "BUU"}),
])
def test_each_feed_is_the_librarys_feed_for_its_scope(
        client: FlaskClient, wheel: App, mette_token: str, path: str,
        scope: dict[str, str]) -> None:
    response = client.get(path.format(token=mette_token))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    expected = expected_feed(wheel, response.headers["Last-Modified"], **scope)
    assert response.data == expected.data
    assert len(_uids(response.data)) == expected.meetings + expected.deadlines > 0


def test_an_unknown_body_is_404(client: FlaskClient, mette_token: str) -> None:
    assert client.get(f"/kalender/{mette_token}/organ/NOPE.ics").status_code == 404


def test_a_feed_has_a_strong_etag_and_if_none_match_gives_304_until_the_data_changes(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    path = f"/kalender/{mette_token}/aarshjul.ics"
    first = client.get(path)
    etag = first.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/") and len(etag) == 66
    assert first.headers["Last-Modified"].endswith("GMT")
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
    app_at(wheel, "2027-03-02T08:00").meetings.add("KB", date(2027, 10, 27))
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert b"KB-2027-10-27" in changed.data


def test_a_feed_is_the_same_bytes_at_every_request_while_the_data_is_unchanged(
        wheel: App, mette_token: str) -> None:
    """Its DTSTAMP is the last change, not the request's clock: otherwise no 304, ever."""
    from dataclasses import replace

    moments = iter(wheel.ctx.now + timedelta(minutes=n) for n in range(100))
    site = make_site(wheel, ctx_factory=lambda _org: replace(wheel.ctx, now=next(moments)))
    client = site.test_client()
    path = f"/kalender/{mette_token}.ics"
    tags = {client.get(path).headers["ETag"] for _ in range(3)}
    site.extensions["aarshjul.db"].dispose()
    assert len(tags) == 1


def test_head_of_a_feed_has_the_headers_and_no_body(client: FlaskClient,
                                                    mette_token: str) -> None:
    get = client.get(f"/kalender/{mette_token}.ics")
    head = client.head(f"/kalender/{mette_token}.ics")
    assert head.status_code == 200 and head.data == b""
    assert head.headers["ETag"] == get.headers["ETag"]


# -- read-only, headers, log ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_only_get_and_head_are_answered(client: FlaskClient, mette_token: str,
                                        method: str) -> None:
    for path in ("/", f"/t/{mette_token}/", f"/kalender/{mette_token}.ics", "/nowhere"):
        response = client.open(path, method=method)
        assert response.status_code == 405, (method, path)
        assert response.headers["Allow"] == "GET, HEAD"
        assert b"Trivsel" not in response.data


def test_every_response_carries_the_security_headers(client: FlaskClient,
                                                     mette_token: str) -> None:
    etag = client.get(f"/kalender/{mette_token}.ics").headers["ETag"]
    responses = [
        client.get("/"), client.get("/health"), client.get(f"/t/{mette_token}/"),
        client.get(f"/kalender/{mette_token}.ics"),
        client.get(f"/kalender/{mette_token}.ics", headers={"If-None-Match": etag}),
        client.get("/t/unknown-token-that-does-not-exist/"), client.post("/"),
        client.get("/static/style.css"), client.get("/mine"),
    ]
    assert {r.status_code for r in responses} == {200, 304, 404, 405}
    for response in responses:
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, (response.status_code, name)
        response.close()


def test_the_log_has_one_line_per_request_and_never_a_token(
        client: FlaskClient, mette_token: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="aarshjul.web")
    client.get(f"/t/{mette_token}/")
    client.get(f"/kalender/{mette_token}.ics")
    client.get(f"/kalender/{mette_token}/organ/BUU.ics")
    client.get(f"/t/{mette_token}x/")
    client.post(f"/t/{mette_token}/")
    lines = [r.getMessage() for r in caplog.records if r.name == "aarshjul.web"]
    assert len(lines) == 5
    assert all(mette_token not in line for line in lines)
    assert all(mette_token not in r.getMessage() for r in caplog.records)
    assert lines[0].startswith("GET /t/…/ 200 ") and lines[0].endswith(" ms")
    assert lines[1].startswith("GET /kalender/….ics 200 ")
    assert lines[2].startswith("GET /kalender/…/organ/BUU.ics 200 ")
    assert lines[3].startswith("GET /t/…/ 404 ")
    assert lines[4].startswith("POST /t/…/ 405 ")


def test_an_unexpected_error_is_a_500_whose_log_holds_no_token(
        wheel: App, mette_token: str, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from aarshjul.services.deadlines import Deadlines

    def broken(self: Deadlines, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(Deadlines, "due", broken)
    site = make_site(wheel)
    site.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)
    caplog.set_level(logging.INFO, logger="aarshjul.web")
    response = site.test_client().get(f"/t/{mette_token}/")
    site.extensions["aarshjul.db"].dispose()
    assert response.status_code == 500
    assert "ikke tilgængeligt" in response.get_data(as_text=True)
    assert "boom" not in response.get_data(as_text=True)
    assert response.headers["Content-Security-Policy"] == SECURITY_HEADERS[
        "Content-Security-Policy"]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and errors[0].exc_info is not None  # the traceback is kept, for the operator
    for record in caplog.records:
        assert mette_token not in record.getMessage()


# -- behind a single sign-on proxy ----------------------------------------------------------------


@pytest.fixture
def proxied(wheel: App) -> Iterator[Flask]:
    site = make_site(wheel, trusted_header="X-Remote-User")
    yield site
    site.extensions["aarshjul.db"].dispose()


def test_the_trusted_header_identifies_the_person(proxied: Flask) -> None:
    client = proxied.test_client()
    front = client.get("/", headers={"X-Remote-User": "mette"})
    assert front.status_code == 302 and front.headers["Location"] == "/mine"
    html = client.get("/mine", headers={"X-Remote-User": "mette"}).get_data(as_text=True)
    assert "Trivsel i dagtilbud" in html and "Børne- og ungestrategi" not in html
    assert "/kalender/" not in html and "personlige link" in html


def test_the_trusted_header_with_an_unknown_login_or_none_shows_the_hint(proxied: Flask) -> None:
    client = proxied.test_client()
    for headers in ({"X-Remote-User": "nobody"}, {}):
        response = client.get("/mine", headers=headers)
        assert response.status_code == 403
        assert "Trivsel" not in response.get_data(as_text=True)
        assert client.get("/", headers=headers).status_code == 200


def test_the_header_is_ignored_when_no_trusted_header_is_configured(client: FlaskClient) -> None:
    response = client.get("/", headers={"X-Remote-User": "mette"})
    assert response.status_code == 200 and "Trivsel" not in response.get_data(as_text=True)
    assert client.get("/mine", headers={"X-Remote-User": "mette"}).status_code == 404
