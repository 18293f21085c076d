"""The reminder scan (aarshjul/notifications/scan.py): what a reminder's outbox payload holds.

The payload is stored and read back later by the mail (its templates and its calendar file), so
its keys are a contract with rows already in the outbox.
"""

from __future__ import annotations

from datetime import date

from aarshjul.app import App
from aarshjul.notifications import scan
from aarshjul.reports.ics import deadline_from_payload
from aarshjul.services.deadlines import open_deadlines
from aarshjul.services.meetings import working_calendar
from tests.conftest import app_at

PAYLOAD_KEYS = {"key", "kind", "rule", "days", "ref", "title", "state", "due",
                "working_days_left", "meeting", "meeting_date", "body", "state_label", "owner",
                "owner_name", "flagged", "chained_from", "next_meeting"}


def test_a_reminder_payload_is_the_deadline_with_the_rule_that_fired(people: App) -> None:
    app = app_at(people, "2027-03-01T09:00")
    app.items.add("Børne- og ungestrategi", owner="mette")
    app.meetings.add("BUU", date(2027, 4, 20), time="16:00")
    app.meetings.book("1", "BUU-2027-04-20")
    late = app_at(app, "2027-04-08T09:00")
    with late.db.transaction() as s:
        found = scan.due_now(s, late.ctx)
        [deadline] = open_deadlines(s, working_calendar(late.ctx), late.ctx.today)
    reminders = [c for c in found if c.deadline_key == deadline.key]
    assert reminders
    for c in reminders:
        assert set(c.payload) == PAYLOAD_KEYS | {"body_name"}  # the name, for the .ics
        assert c.payload["rule"] == c.due.kind and c.payload["days"] == c.due.days
        assert (c.payload["due"], c.payload["meeting_date"]) == ("2027-04-06", "2027-04-20")
        assert (c.payload["meeting"], c.payload["body"]) == ("BUU-2027-04-20", "BUU")
        # The calendar attachment reads back the deadline the payload was made from.
        assert deadline_from_payload(c.payload) == deadline


def test_a_weekly_overview_holds_one_reminder_payload_per_deadline(people: App) -> None:
    app = app_at(people, "2027-03-01T09:00")
    app.items.add("Børne- og ungestrategi", owner="mette", due=date(2027, 3, 10))
    with app.db.transaction() as s:
        [weekly] = scan.weekly_due(s, app.ctx)
    assert weekly.payload["kind"] == "weekly" and weekly.payload["rule"] == "weekly"
    [entry] = weekly.payload["items"]
    assert set(entry) == PAYLOAD_KEYS
    assert (entry["rule"], entry["kind"], entry["due"]) == ("weekly", "due", "2027-03-10")
