"""``aarshjul serve`` for real: waitress on a free local port, fetched with urllib."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator

import pytest
from icalendar import Calendar

from aarshjul.app import App
from tests.web.conftest import expected_feed


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server(wheel: App) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "AARSHJUL_DB": wheel.db.url}
    process = subprocess.Popen(
        [sys.executable, "-m", "aarshjul", "--now", "2027-03-01T10:00", "serve",
         "--port", str(port), "--threads", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        # ``serve`` says so on stderr once its socket listens; no polling, no sleeping.
        assert process.stderr is not None
        ready, _, _ = select.select([process.stderr], [], [], 30)
        line = process.stderr.readline() if ready else b""
        if str(port) not in line.decode():
            process.kill()
            _out, err = process.communicate(timeout=5)
            pytest.fail(f"aarshjul serve did not start: {(line + err).decode()}")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        process.stderr.close()


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
