"""``aarshjul serve`` for real: waitress on a free local port, fetched with urllib."""

from __future__ import annotations

import urllib.request

import pytest
from icalendar import Calendar

from aarshjul.app import App
from tests.web.conftest import expected_feed


def test_serve_answers_health_and_a_feed_equal_to_the_librarys(
        server: str, wheel: App, mette_token: str) -> None:
    with urllib.request.urlopen(f"{server}/health", timeout=5) as response:
        assert response.status == 200 and response.read() == b"ok\n"
        assert response.headers["Server"] == "aarshjul"
    with urllib.request.urlopen(f"{server}/kalender/{mette_token}.ics", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        body = response.read()
        last_modified = response.headers["Last-Modified"]
        etag = response.headers["ETag"]
    expected = expected_feed(wheel, last_modified, owner="mette")
    assert Calendar.from_ical(body) == Calendar.from_ical(expected.data)
    assert body == expected.data
    assert len(Calendar.from_ical(body).walk("VEVENT")) == expected.meetings + expected.deadlines
    request = urllib.request.Request(f"{server}/kalender/{mette_token}.ics",
                                     headers={"If-None-Match": etag})
    with pytest.raises(urllib.error.HTTPError) as not_modified:
        urllib.request.urlopen(request, timeout=10)
    not_modified.value.close()
    assert not_modified.value.code == 304
