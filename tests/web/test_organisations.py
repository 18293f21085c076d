"""One ``serve`` for every municipality: each link is answered in its own organisation.

The fixture puts a second municipality (K751) beside the first in the same database, with the
same logins, item numbers, body keys and meeting ids as the first; its texts carry a marker.
One site answers both municipalities' links, each with its own data only; started for one
municipality (``--org``), the other's links are the same 404 as an unknown token.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from flask import Flask

from aarshjul.app import App
from aarshjul.config import Config
from aarshjul.context import Context
from aarshjul.errors import InvalidInput
from aarshjul.services.web_access import WebAccess
from aarshjul.web.views import create_app
from tests.web.conftest import running_server

MARK = "ZZK"
#: Texts of the first municipality (the ``wheel`` fixture) that the second one never has.
FIRST = ("Trivsel i dagtilbud", "Børne- og ungestrategi", "Mette Holm", "Dorthe", "Rådhuset")
MEETING = "BUU-2027-09-14"
#: Every page and feed of a link; ``{t}`` is the token.
PATHS = ("/t/{t}/", "/t/{t}/status", "/t/{t}/aarshjul", "/t/{t}/punkt/1", "/t/{t}/punkt/1.1",
         "/t/{t}/organ/BUU", f"/t/{{t}}/moede/{MEETING}",
         f"/t/{{t}}/moede/{MEETING}/dagsorden.html", "/t/{t}/soeg?q=i",
         "/kalender/{t}.ics", "/kalender/{t}/aarshjul.ics", "/kalender/{t}/organ/BUU.ics")


@pytest.fixture
def tokens(wheel: App) -> Iterator[dict[str, str]]:
    """Mette's token in each municipality: ``default`` (the wheel) and ``K751`` (marked)."""
    host = replace(wheel.ctx, config=Config(administrators=(wheel.ctx.actor,)))
    wheel.at(host).organisations.add("K751", "Aarhus Kommune")
    second = App(wheel.db.url, wheel.ctx, org="K751")
    second.people.add("dir", name=f"{MARK} Direktør Aarhus", email="dir@aarhus.example")
    second.people.add("mette", name=f"{MARK} Mette Aarhus", email="mette@aarhus.example",
                      manager="dir")
    second.items.add(f"{MARK} Aarhus-strategi", owner="dir")
    second.items.add(f"{MARK} Trivsel i Aarhus", parent="1", owner="mette")
    second.meetings.add("BUU", date(2027, 9, 14), time="16:00", place=f"{MARK} Rådhus")
    second.meetings.book("1.1", MEETING)
    yield {"default": WebAccess(wheel.db, wheel.ctx).issue("mette"),
           "K751": WebAccess(second.db, wheel.ctx).issue("mette")}
    second.db.dispose()


def _site(app: App, **options: str) -> Flask:
    """The site over ``app``'s database; K751's requests in English, as its settings could say."""
    ctx: Context = app.ctx
    site = create_app(app.db.url, lambda org: replace(ctx, lang="en") if org == "K751" else ctx,
                      **options)
    site.config["TESTING"] = True
    return site


def _own_only(org: str, text: str) -> bool:
    """Whether ``text`` shows nothing of the other municipality."""
    if org == "default":
        return MARK not in text
    return not any(first in text for first in FIRST)


def test_one_site_answers_each_municipalitys_links_with_its_own_data_only(
        wheel: App, tokens: dict[str, str]) -> None:
    site = _site(wheel)
    client = site.test_client()
    try:
        # In turn, so that nothing one request leaves behind (the status page made once for
        # every leader, say) reaches the next one's municipality.
        for path in PATHS:
            for org in ("default", "K751", "default", "K751"):
                response = client.get(path.format(t=tokens[org]))
                text = response.get_data(as_text=True)
                assert response.status_code == 200, (org, path)
                assert _own_only(org, text), (org, path, text)
        first = client.get(f"/t/{tokens['default']}/").get_data(as_text=True)
        second = client.get(f"/t/{tokens['K751']}/").get_data(as_text=True)
        assert "Mette Holm" in first and "Trivsel i dagtilbud" in first
        assert f"{MARK} Mette Aarhus" in second and f"{MARK} Trivsel i Aarhus" in second
        status = client.get(f"/t/{tokens['K751']}/status").get_data(as_text=True)
        assert f"{MARK} Aarhus-strategi" in status
        feed = client.get(f"/kalender/{tokens['K751']}/aarshjul.ics").get_data(as_text=True)
        assert f"{MARK} Rådhus" in feed
    finally:
        site.extensions["aarshjul.db"].dispose()


def test_an_unknown_token_is_the_same_404_as_before_with_several_municipalities(
        wheel: App, tokens: dict[str, str]) -> None:
    site = _site(wheel)
    client = site.test_client()
    try:
        token = tokens["K751"]
        guessed = token[:-1] + ("A" if token[-1] != "A" else "B")
        pages = [client.get(f"/t/{bad}/") for bad in (guessed, "kort", "x" * 200)]
        assert [page.status_code for page in pages] == [404] * 3
        assert len({page.data for page in pages}) == 1
        assert "Siden findes ikke." in pages[0].get_data(as_text=True)
        assert "My deadlines" in client.get(f"/t/{token}/").get_data(as_text=True)
        second = App(wheel.db.url, wheel.ctx, org="K751")
        WebAccess(second.db, wheel.ctx).revoke("mette")
        second.db.dispose()
        # Not even the language of the 404 says that the token was once K751's.
        revoked = client.get(f"/t/{token}/")
        assert revoked.status_code == 404 and revoked.data == pages[0].data
    finally:
        site.extensions["aarshjul.db"].dispose()


@pytest.mark.parametrize(("served", "other"), [("default", "K751"), ("K751", "default")])
def test_a_site_started_for_one_municipality_answers_the_others_links_with_404(
        wheel: App, tokens: dict[str, str], served: str, other: str) -> None:
    site = _site(wheel, org=served)
    client = site.test_client()
    try:
        unknown = client.get("/t/" + "A" * 43 + "/")
        for path in PATHS:
            own = client.get(path.format(t=tokens[served]))
            assert own.status_code == 200, path
            assert _own_only(served, own.get_data(as_text=True)), path
            refused = client.get(path.format(t=tokens[other]))
            assert refused.status_code == 404, path
            assert refused.data == unknown.data, path
    finally:
        site.extensions["aarshjul.db"].dispose()


def test_a_trusted_header_needs_one_municipality(wheel: App, tokens: dict[str, str]) -> None:
    with pytest.raises(InvalidInput) as refused:
        _site(wheel, trusted_header="X-Remote-User")
    assert refused.value.key == "org.choose"
    site = _site(wheel, trusted_header="X-Remote-User", org="K751")
    client = site.test_client()
    try:
        mine = client.get("/mine", headers={"X-Remote-User": "mette"})
        text = mine.get_data(as_text=True)
        assert mine.status_code == 200
        assert f"{MARK} Trivsel i Aarhus" in text and _own_only("K751", text)
        assert client.get(f"/t/{tokens['default']}/").status_code == 404
        assert client.get(f"/t/{tokens['K751']}/").status_code == 200
    finally:
        site.extensions["aarshjul.db"].dispose()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode()


def test_one_serve_process_answers_both_municipalities_each_in_its_own_settings(
        wheel: App, tokens: dict[str, str], tmp_path: Path) -> None:
    """The real server: both municipalities' links, each in its own section of the settings
    file (K751's says English); ``--org default`` serves the first one's links only."""
    config = tmp_path / "aarshjul.toml"
    config.write_text('[organisation.K751]\nlang = "en"\n', encoding="utf-8")
    with running_server(wheel.db.url, "--config", str(config)) as base:
        status, first = _get(f"{base}/t/{tokens['default']}/")
        assert status == 200 and "Mine frister" in first and _own_only("default", first)
        status, second = _get(f"{base}/t/{tokens['K751']}/")
        assert status == 200 and "My deadlines" in second and _own_only("K751", second)
        assert f"{MARK} Trivsel i Aarhus" in second
        status, feed = _get(f"{base}/kalender/{tokens['K751']}/aarshjul.ics")
        assert status == 200 and f"{MARK} Rådhus" in feed and _own_only("K751", feed)
    with running_server(wheel.db.url, "--org", "default") as base:
        assert _get(f"{base}/t/{tokens['default']}/")[0] == 200
        status, refused = _get(f"{base}/t/{tokens['K751']}/")
        assert status == 404 and "Siden findes ikke." in refused and MARK not in refused
