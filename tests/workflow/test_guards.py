"""The named guards as the machine's conditions, on real rows: a guard that is not met stops
the machine's trigger and its ``may_``; the held meeting is one query for the guard and for
filing the decision."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy.orm import Session

from aarshjul.app import App
from aarshjul.errors import WorkflowRefused
from aarshjul.services.items import load_item
from aarshjul.store.models import Meeting
from aarshjul.workflow import guards
from aarshjul.workflow.definitions import WorkflowDef
from aarshjul.workflow.machine import Move, fire, may
from aarshjul.workflow.registry import Workflows
from tests.conftest import NOW, app_at

TO_BUU = Move("advance", "buu")


@pytest.fixture
def at_omu(people: App) -> App:
    """Item 1 in godkendelse-omu: leaving needs a held OMU meeting and a decision."""
    people.items.add("Børne- og ungestrategi", owner="dir")
    people.moves.advance(["1"])
    people.moves.advance(["1"])
    return people


def _hold_omu(app: App, when: date) -> str:
    app_at(app, "2027-01-02").meetings.add("OMU", when)
    code = f"OMU-{when.isoformat()}"
    app.meetings.book("1", code)
    return code


@contextmanager
def _check(app: App, *, decision: str | None = None, today: date | None = None,
           force: bool = False) -> Iterator[tuple[Session, WorkflowDef, guards.Check]]:
    with app.db.transaction() as s:
        item = load_item(s, "1")
        defn = Workflows(s).get(item.workflow_name, item.workflow_version)
        ctx = guards.GuardContext(session=s, item=item, state=defn.state(item.state),
                                  decision=decision, today=today or NOW.date())
        yield s, defn, guards.Check(ctx, force=force)


def test_the_machine_refuses_a_guarded_advance_and_the_check_says_what_is_missing(
        at_omu: App) -> None:
    with _check(at_omu) as (_, defn, check):
        assert fire(defn, "godkendelse-omu", TO_BUU, check) is None
        assert list(check.missing) == ["decision", "held-meeting"]
        assert check.missing["held-meeting"].key == "guard.no_meetings"
    with _check(at_omu, decision="Godkendt") as (_, defn, check):
        assert fire(defn, "godkendelse-omu", TO_BUU, check) is None
        assert list(check.missing) == ["held-meeting"]


def test_force_lets_the_machine_move_and_keeps_what_it_overrode(at_omu: App) -> None:
    with _check(at_omu, force=True) as (_, defn, check):
        assert fire(defn, "godkendelse-omu", TO_BUU, check) == "buu"
        assert sorted(check.missing) == ["decision", "held-meeting"]


def test_may_advance_is_false_before_the_meeting_is_held_and_true_after(at_omu: App) -> None:
    _hold_omu(at_omu, date(2027, 3, 10))  # NOW is 2027-03-01
    with _check(at_omu, decision="Godkendt") as (_, defn, check):
        assert may(defn, "godkendelse-omu", [TO_BUU], check) == {TO_BUU: False}
        assert check.missing["held-meeting"].key == "guard.meeting_not_held"
    with _check(at_omu, decision="Godkendt", today=date(2027, 3, 10)) as (_, defn, check):
        assert may(defn, "godkendelse-omu", [TO_BUU], check) == {TO_BUU: True}
        assert check.missing == {}
        assert fire(defn, "godkendelse-omu", TO_BUU, check) == "buu"


def test_item_show_says_what_the_machine_needs_now(at_omu: App) -> None:
    before = at_omu.items.show("1").allowed[0]
    assert (before.kind, before.target) == ("advance", "buu")
    assert len(before.needs) == 2  # decision and meeting
    _hold_omu(at_omu, date(2027, 2, 10))
    after = at_omu.items.show("1").allowed[0]
    assert len(after.needs) == 1 and "--decision" in after.needs[0]  # show gives no decision
    assert all(m.needs == () for m in at_omu.items.show("1").allowed[1:])


def test_the_held_meeting_is_the_latest_held_booking_of_the_states_body(at_omu: App) -> None:
    first = _hold_omu(at_omu, date(2027, 1, 20))
    second = _hold_omu(at_omu, date(2027, 2, 10))
    _hold_omu(at_omu, date(2027, 3, 19))  # booked, not held yet
    with _check(at_omu) as (s, defn, check):
        held = guards.held_meeting_of(s, check.ctx.item, check.ctx.state, NOW.date())
        assert held is not None
        assert s.get(Meeting, held).code == second != first
        assert guards.held_meeting(check.ctx) is None
        buu = defn.state("buu")
        assert guards.held_meeting_of(s, check.ctx.item, buu, NOW.date()) is None


def test_a_meeting_is_held_from_its_start_time(at_omu: App) -> None:
    """OMU meets today at 13:00: at 10:00 the item cannot leave OMU yet, at 13:00 it can."""
    at_omu.meetings.add("OMU", date(2027, 3, 10), time="13:00")
    app_at(at_omu, "2027-03-01T10:00").meetings.book("1", "OMU-2027-03-10")
    morning = app_at(at_omu, "2027-03-10T10:00")
    assert "OMU-2027-03-10" in " ".join(morning.items.show("1").allowed[0].needs)
    with pytest.raises(WorkflowRefused):
        morning.moves.advance(["1"], decision="Godkendt")
    assert at_omu.items.show("1").state == "godkendelse-omu"
    moved = app_at(at_omu, "2027-03-10T13:00").moves.advance(["1"], decision="Godkendt")
    assert moved[0].to_state == "buu"
