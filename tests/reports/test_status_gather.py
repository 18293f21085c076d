"""Gathering the status report (aarshjul/reports/status_gather.py): right against the data.

The demo is the reference data set: the report's counts, overdue deadlines and changes are
compared with what ``item list``, ``deadlines`` and the audit trail say on their own.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import select

from aarshjul.app import App
from aarshjul.context import Context
from aarshjul.dates.timeutil import parse_datetime, start_of_day
from aarshjul.reports.status_gather import gather
from aarshjul.store.models import AuditEntry
from tests.conftest import Cli, app_at, counted_statements, with_demo
from tests.snapshots import Snapshots

DEMO_NOW = "2026-11-23T10:00"
LATER = "2026-12-10T10:00"  # the demo's booked sagsfrister and its høring have passed


@pytest.fixture
def demo(db_url: str, snapshots: Snapshots) -> Cli:
    return with_demo(snapshots, Cli(db_url, now=DEMO_NOW))


@contextmanager
def demo_app(db_url: str, now: str) -> Iterator[App]:
    app = App(db_url, Context(actor="sek", now=parse_datetime(now)))
    try:
        yield app
    finally:
        app.db.dispose()


def as_json(cli: Cli, *args: str, now: str | None = None) -> list[dict[str, object]]:
    result = cli(*args, "--json", now=now)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert isinstance(data, list)
    return data


# -- correct against the demo ---------------------------------------------------------------


def test_demo_counts_add_up_and_agree_with_item_list(demo: Cli, db_url: str) -> None:
    with demo_app(db_url, DEMO_NOW) as app:
        report = app.reports.status()
    listed = as_json(demo, "item", "list")
    assert report.total == len(listed) == 14
    assert sum(c.count for c in report.counts) == report.total
    assert {c.label: c.count for c in report.counts} == Counter(i["state_label"] for i in listed)
    assert sum(n for _, n in report.health) == report.total
    assert report.health_count("paused") == sum(1 for i in listed if i["paused"]) == 1
    assert [i.ref for i in report.items] == [i["ref"] for i in listed]
    assert [(t.depth, t.ref) for t in report.tree][:3] == [(1, "1"), (2, "1.1"), (3, "1.1.1")]
    assert {h.ref for h in report.handlemaal} == {
        i["ref"] for i in listed if i["kind"] == "handlemaal"}


def test_demo_overdue_means_overdue_in_working_days_as_of_now(demo: Cli, db_url: str) -> None:
    with demo_app(db_url, LATER) as app:
        report = app.reports.status()
    overdue = as_json(demo, "deadlines", "--overdue", now=LATER)
    assert [d.key for d in report.overdue] == [d["key"] for d in overdue]
    assert {"1", "1.1", "1.2"} <= {d.ref for d in report.overdue}
    assert all(d.working_days_left < 0 for d in report.overdue)
    late_items = {i.ref for i in report.items if i.health == "overdue"}
    assert late_items == {d.ref for d in report.overdue if d.ref}
    assert report.health_count("overdue") == len(late_items)
    # The same data three weeks earlier: nothing booked is overdue yet.
    with demo_app(db_url, DEMO_NOW) as app:
        earlier = app.reports.status()
    assert {d.ref for d in earlier.overdue} == {""}  # only a strategy plan, not an item
    assert earlier.health_count("overdue") == 0


def test_demo_due_soon_is_every_open_deadline_up_to_the_horizon(demo: Cli,
                                                                   db_url: str) -> None:
    with demo_app(db_url, DEMO_NOW) as app:
        report = app.reports.status()
    assert report.horizon == date(2026, 12, 14)  # 15 working days after 23 November
    everything = as_json(demo, "deadlines")
    expected = [d["key"] for d in everything
                if isinstance(d["working_days_left"], int) and d["working_days_left"] >= 0
                and str(d["due"]) <= report.horizon.isoformat()]
    assert [d.key for d in report.due_soon] == expected
    assert len(expected) == 4  # with the material for the ledermøde's orientation
    at_risk = {i.ref for i in report.items if i.health == "at_risk"}
    assert at_risk == {"1.1"}  # its BUU sagsfrist is today


def test_demo_changes_equal_the_audit_entries_in_the_window(demo: Cli, db_url: str) -> None:
    since = date(2026, 10, 1)
    with demo_app(db_url, DEMO_NOW) as app:
        report = app.reports.status(since=since)
        with app.db.transaction() as s:
            window = s.scalars(
                select(AuditEntry.id)
                .where(AuditEntry.item_id.is_not(None),
                       AuditEntry.at >= start_of_day(since), AuditEntry.at <= app.ctx.now)
                .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())).all()
            before = s.scalars(select(AuditEntry.id).where(
                AuditEntry.item_id.is_not(None), AuditEntry.at < start_of_day(since))).all()
    assert [c.id for c in report.changes] == list(window)
    assert window and before  # entries lie outside the window too: the filter matters
    assert report.since == start_of_day(since)
    kinds = Counter(c.action for c in report.changes)
    assert kinds["advance"] >= 1 and kinds["book"] >= 4
    decided = [c for c in report.changes if c.decision]
    assert any("høring" in c.decision for c in decided)
    assert all(c.label and c.actor == "Karen Lund" for c in report.changes)


def test_for_meeting_runs_from_the_previous_meeting_to_the_next(demo: Cli,
                                                                db_url: str) -> None:
    with demo_app(db_url, DEMO_NOW) as app:
        report = app.reports.status(for_meeting="LEDERMOEDE-2026-12-01")
    assert report.meeting is not None and report.meeting.code == "LEDERMOEDE-2026-12-01"
    assert report.since == start_of_day(date(2026, 11, 17))  # the ledermøde before it
    assert report.horizon == date(2026, 12, 15)  # the ledermøde after it
    assert report.next_meeting is not None and report.next_meeting.date == report.horizon
    # A meeting further ahead, whose previous meeting is still to come: the last two weeks.
    with demo_app(db_url, DEMO_NOW) as app:
        ahead = app.reports.status(for_meeting="LEDERMOEDE-2027-02-02")
    assert ahead.since == start_of_day(date(2026, 11, 9))
    assert ahead.horizon == date(2027, 2, 16)
    text = demo("report", "status", "--for-meeting", "LEDERMOEDE-2026-12-01").output
    assert "til ledermødet tirsdag den 1. december 2026" in text and "17. november 2026" in text


# -- health, scope, window ------------------------------------------------------------------


def test_every_item_gets_the_health_its_deadlines_and_bookings_give(people: App) -> None:
    app = people
    for title in ("Forsinket", "Snart", "Flyttet møde", "I bero", "Trukket", "Roligt"):
        app.items.add(title, owner="mette")
    app.items.edit("1", due=date(2027, 2, 24))  # 3 working days before 1 March
    app.meetings.add("OMU", date(2027, 3, 10))  # sagsfrist 3 March: 2 working days left
    app.meetings.book("2", "OMU-2027-03-10")
    app.meetings.add("BUU", date(2027, 6, 7))
    app.meetings.book("3", "BUU-2027-06-07")
    app.meetings.move("BUU-2027-06-07", date(2027, 6, 14))  # far away, but flagged
    app.moves.pause("4", reason="Afventer budget")
    app.moves.withdraw("5", reason="Opgivet")
    report = app.reports.status()
    health = {i.ref: i.health for i in report.items}
    assert health == {"1": "overdue", "2": "at_risk", "3": "at_risk", "4": "paused",
                      "5": "done", "6": "on_track"}
    by_ref = {i.ref: i for i in report.items}
    assert by_ref["1"].working_days_left == -3 and by_ref["1"].deadline == date(2027, 2, 24)
    assert by_ref["2"].next_meeting == "OMU-2027-03-10" and by_ref["2"].working_days_left == 2
    assert by_ref["3"].flagged and by_ref["3"].next_meeting == "BUU-2027-06-07"
    assert dict(report.health) == {"overdue": 1, "at_risk": 2, "on_track": 1, "paused": 1,
                                   "done": 1}
    # Delivering the case meets the deadline: the item is no longer at risk.
    app.deadlines.deliver("2")
    assert {i.ref: i.health for i in app.reports.status().items}["2"] == "on_track"


def test_owner_and_subtree_limit_items_deadlines_and_changes(people: App) -> None:
    app = people
    app.items.add("Strategi", owner="dir")
    app.items.add("Trivsel", parent="1", owner="mette", due=date(2027, 3, 5))
    app.items.add("Læring", parent="1", owner="dir", due=date(2027, 3, 4))
    app.items.add("Andet", owner="mette", due=date(2027, 3, 3))
    later = app_at(app, "2027-03-01T11:00")
    later.moves.advance(["1.1"], note="Drøftet")
    later.moves.advance(["2"], note="Drøftet")

    mine = later.reports.status(owner="mette")
    assert [i.ref for i in mine.items] == ["1.1", "2"]
    assert {d.ref for d in mine.due_soon} == {"1.1", "2"}
    assert {c.ref for c in mine.changes} == {"1.1", "2"}
    assert mine.scope.owner == "mette" and mine.owner_name == "Mette Holm"

    under = later.reports.status(subtree="1")
    assert [(t.depth, t.ref) for t in under.tree] == [(1, "1"), (2, "1.1"), (2, "1.2")]
    assert {d.ref for d in under.due_soon} == {"1.1", "1.2"}
    assert {c.ref for c in under.changes} == {"1", "1.1", "1.2"}

    both = later.reports.status(owner="mette", subtree="1")
    assert [i.ref for i in both.items] == ["1.1"]
    assert sum(c.count for c in both.counts) == both.total == 1


def test_since_in_the_future_or_unknown_scope_is_refused(cli: Cli, people: App) -> None:
    result = cli("report", "status", "--since", "2027-03-02")
    assert result.exit_code == 2
    assert "--since" in result.output and "2027-03-02" in result.output
    assert cli("report", "status", "--since", "i går").exit_code == 2
    unknown = cli("report", "status", "--owner", "nobody")
    assert unknown.exit_code == 2 and "nobody" in unknown.output
    assert cli("report", "status", "--for-meeting", "OMU-1999-01-01").exit_code == 2
    assert cli("report", "status", "--subtree", "9").exit_code == 2


def test_gathering_is_a_fixed_number_of_queries_whatever_the_number_of_items(
        people: App) -> None:
    """Set-based: 30 items cost the same statements as 3 (no query per item)."""
    app = people
    app.meetings.add("OMU", date(2027, 3, 24))

    def statements() -> int:
        with counted_statements(app.db.engine) as seen, app.db.transaction() as s:
            gather(s, app.ctx, since=date(2027, 1, 1))
        return len(seen)

    def add(n: int, start: int) -> None:
        for k in range(start, start + n):
            app.items.add(f"Punkt {k}", owner="mette", due=date(2027, 4, 1))
            app.meetings.book(str(k), "OMU-2027-03-24")
            app.items.add(f"Handlemål {k}", parent=str(k), kind="handlemaal", owner="dir")

    add(3, 1)
    few = statements()
    add(27, 4)
    many = statements()
    assert few == many
