"""The pages cost a fixed number of SQL statements, whatever the number of rows they show.

The statements are counted for real, with a SQLAlchemy event listener on the site's engine:
a page that asked once per booking (the meeting page did: ``Items.show`` per booked item), or
filtered the whole item list in Python, would fail here as the data grows.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from aarshjul.app import App
from tests.conftest import counted_statements, write_transaction_held


def counted(site: Flask) -> AbstractContextManager[list[str]]:
    return counted_statements(site.extensions["aarshjul.db"].engine)


def _statements(site: Flask, client: FlaskClient, path: str) -> list[str]:
    with counted(site) as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    return statements


def test_the_meeting_page_asks_the_same_number_of_queries_for_2_or_14_bookings(
        site: Flask, client: FlaskClient, wheel: App, mette_token: str) -> None:
    path = f"/t/{mette_token}/moede/BUU-2027-09-14"
    wheel.items.add("Læring", parent="1", owner="mette")
    wheel.meetings.book("1.2", "BUU-2027-09-14")
    client.get(path)  # warm: the workflow definitions are read once per process
    few = _statements(site, client, path)
    for n in range(12):
        wheel.items.add(f"Mål {n}", parent="1.1", owner="dir")
        wheel.meetings.book(f"1.1.{n + 1}", "BUU-2027-09-14")
    many = _statements(site, client, path)
    html = client.get(path).get_data(as_text=True)
    assert html.count(f'href="/t/{mette_token}/punkt/1.') == 14
    assert len(many) == len(few), "\n".join(many)
    assert len(many) <= 14  # identity, meeting, body, bookings, points, bilag, decisions, ...


def test_search_and_the_item_page_ask_the_same_number_of_queries_for_more_items(
        site: Flask, client: FlaskClient, wheel: App, mette_token: str) -> None:
    pages = [f"/t/{mette_token}/soeg?q=m%C3%A5l", f"/t/{mette_token}/punkt/1.1"]
    wheel.items.add("Mål 0", parent="1.1")
    for path in pages:
        client.get(path)
    few = [len(_statements(site, client, path)) for path in pages]
    for n in range(1, 15):
        wheel.items.add(f"Mål {n}", parent="1.1", due=date(2027, 5, 3))
    many = [len(_statements(site, client, path)) for path in pages]
    assert client.get(pages[0]).get_data(as_text=True).count("Mål ") == 15
    assert many == few


def test_the_search_reads_only_the_rows_it_shows(
        site: Flask, client: FlaskClient, wheel: App, mette_token: str) -> None:
    with counted(site) as statements:
        assert client.get(f"/t/{mette_token}/soeg?q=trivsel").status_code == 200
    searches = [s for s in statements if "LIKE" in s.upper()]
    assert len(searches) == 1 and "LIMIT" in searches[0].upper()


def test_a_page_answers_while_another_process_holds_a_write_transaction(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    """The site only reads: on SQLite its transactions begin deferred (WAL readers do not wait
    for a writer), so a page does not queue behind ``scheduler run`` or a command for the busy
    timeout and then fail with a 503, as every page did with ``BEGIN IMMEDIATE``."""
    with write_transaction_held(wheel.db.url):
        for page in ("", "status", "moede/BUU-2027-09-14", "soeg?q=trivsel"):
            assert client.get(f"/t/{mette_token}/{page}").status_code == 200, page
        assert client.get("/health").status_code == 200  # not a 503 after the busy timeout


def test_the_status_page_is_made_once_and_every_leader_gets_their_own_links_in_it(
        site: Flask, client: FlaskClient, wheel: App, mette_token: str, dir_token: str) -> None:
    first = _statements(site, client, f"/t/{mette_token}/status")
    again = _statements(site, client, f"/t/{dir_token}/status")
    assert len(again) < len(first) / 3, again  # the identity and the data's version, no report
    for mine, theirs in ((mette_token, dir_token), (dir_token, mette_token)):
        html = client.get(f"/t/{mine}/status").get_data(as_text=True)
        assert f'href="/t/{mine}/moede/BUU-2027-09-14"' in html
        assert f'href="/t/{mine}/aarshjul"' in html and f'action="/t/{mine}/status"' in html
        assert theirs not in html and "/t/" + "_" * 3 not in html
        assert not re.search(r"/t/(?!" + re.escape(mine) + r"/)[^/\"]+/", html)


def test_a_change_or_another_meeting_makes_the_status_page_anew(
        client: FlaskClient, wheel: App, mette_token: str) -> None:
    path = f"/t/{mette_token}/status"
    assert "Trivsel i dagtilbud" in client.get(path).get_data(as_text=True)
    wheel.items.edit("1.1", title="Trivsel og læring")
    html = client.get(path).get_data(as_text=True)
    assert "Trivsel og læring" in html and "Trivsel i dagtilbud" not in html
    chosen = client.get(f"{path}?meeting=BUU-2027-09-14").get_data(as_text=True)
    assert '<span class="for">' in chosen and '<span class="for">' not in html
    assert '<span class="for">' not in client.get(path).get_data(as_text=True)
