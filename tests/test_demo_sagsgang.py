"""The demo shows issue 15's points 4, 5, 7 and 9: a workplace LMU with a spawned handleplan
booked on it, a høring with parties and answers, a conversation with time and place, a sagsnr."""

from __future__ import annotations

from aarshjul.app import App
from aarshjul.demo import load_demo


def test_the_demo_shows_workplaces_hoering_conversations_and_case_numbers(app: App) -> None:
    assert load_demo(app) is not None
    bookings = {b.ref: b.meeting for b in app.meetings.bookings()}
    assert bookings["4.1"].startswith("LMU-NORDSKOLEN-")
    assert bookings["4.2"].startswith("LMU-SOLSIKKEN-")
    hoering = app.hoering.show("1")
    assert (hoering.received, len(hoering.parties)) == (3, 5)
    assert app.items.show("1").case_number == "27.00.00-A00-1-26"
    conversations = app.conversations.query()
    assert all(c.time and c.place for c in conversations)
    assert any(c.agenda for c in conversations)
    report = app.reports.status()
    assert [i.responses for i in report.items if i.ref == "1"] == [(3, 5)]
