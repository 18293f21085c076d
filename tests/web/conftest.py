"""Fixtures of the web view: a small årshjul with two leaders, their tokens, a test client, and
a real ``aarshjul serve`` process on a free local port."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from aarshjul.app import App
from aarshjul.context import Context
from aarshjul.reports.ics import CalendarExport, Feed
from aarshjul.services.web_access import WebAccess
from aarshjul.web.views import create_app


@pytest.fixture
def wheel(people: App) -> App:
    """dir owns the strategy (booked on OMU), mette a pejlemærke (booked on BUU)."""
    people.items.add("Børne- og ungestrategi", owner="dir")
    people.items.add("Trivsel i dagtilbud", parent="1", owner="mette")
    people.meetings.add("OMU", date(2027, 6, 10))
    people.meetings.add("BUU", date(2027, 9, 14), time="16:00", place="Rådhuset")
    people.meetings.book("1", "OMU-2027-06-10")
    people.meetings.book("1.1", "BUU-2027-09-14")
    return people


@pytest.fixture
def access(wheel: App) -> WebAccess:
    return WebAccess(wheel.db, wheel.ctx)


@pytest.fixture
def mette_token(access: WebAccess) -> str:
    return access.issue("mette")


@pytest.fixture
def dir_token(access: WebAccess) -> str:
    return access.issue("dir")


def make_site(app: App, *, trusted_header: str | None = None,
              ctx_factory: Callable[[str | None], Context] | None = None) -> Flask:
    site = create_app(app.db.url, ctx_factory or (lambda _org: app.ctx),
                      trusted_header=trusted_header)
    site.config["TESTING"] = True
    return site


@pytest.fixture
def site(wheel: App) -> Iterator[Flask]:
    made = make_site(wheel)
    yield made
    made.extensions["aarshjul.db"].dispose()


@pytest.fixture
def client(site: Flask) -> FlaskClient:
    return site.test_client()


def expected_feed(app: App, last_modified: str, **scope: str) -> Feed:
    """What the library gives for the same scope at the moment the response names."""
    stamp: datetime = parsedate_to_datetime(last_modified)
    ctx: Context = replace(app.ctx, now=stamp)
    return CalendarExport(app.db, ctx).feed(**scope)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_server(db_url: str, *options: str) -> Iterator[str]:
    """A real ``aarshjul serve`` (global ``options`` before ``serve``) over ``db_url``; its
    base URL while it runs."""
    port = _free_port()
    env = {**os.environ, "AARSHJUL_DB": db_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "aarshjul", "--now", "2027-03-01T10:00", *options, "serve",
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


@pytest.fixture
def server(wheel: App) -> Iterator[str]:
    with running_server(wheel.db.url) as base:
        yield base
