"""Planning backwards from a target meeting: the chosen meetings, the explanation when the target
is out of reach, booking the plan, and the search's invariants over random årshjul calendars."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from aarshjul.app import App
from aarshjul.config import Config
from aarshjul.context import Context
from aarshjul.dates.workdays import WorkingCalendar
from aarshjul.errors import WorkflowRefused
from aarshjul.services.planning import (
    Plan,
    Slot,
    Stage,
    next_reachable,
    ready_from,
    schedule,
    stages_for,
)
from aarshjul.workflow.definitions import shipped
from tests.conftest import Cli, app_at

#: A monthly årshjul: OMU on the 3rd, BUU the 10th, ØK the 17th and KB the 24th of every month.
MONTHLY = {"OMU": 3, "BUU": 10, "OEK": 17, "KB": 24}
HOERING = 14
MAIN = ["godkendelse-omu", "buu", "oek", "kb"]


def _year(app: App) -> None:
    for month in range(1, 13):
        for body, day in MONTHLY.items():
            app.meetings.add(body, date(2027, month, day), force=True)


@pytest.fixture
def year(people: App) -> App:
    """A full year of meetings and one strategy in kvalificering (today is 2027-03-01)."""
    _year(people)
    people.items.add("Børne- og ungestrategi", owner="dir")
    people.moves.advance(["1"])
    assert people.items.show("1").state == "kvalificering"
    return people


def _later(app: App, body: str, after: date) -> list[date]:
    return [m.date for m in app.meetings.query(body=body, include_cancelled=False)
            if m.date > after]


def _assert_sound(app: App, plan: Plan, hoering_after: str | None = "buu") -> None:
    """Deadlines before meetings and not passed, workflow order, the høring gap."""
    today = app.ctx.today
    assert plan.feasible and plan.problem is None
    for step in plan.steps:
        assert today <= step.deadline < step.meeting_date
    for before, after in itertools.pairwise(plan.steps):
        if after.state == "kb":  # chained: ØK's decision is KB's sagsfrist
            assert before.meeting_date == after.deadline
        else:
            assert before.meeting_date < after.deadline
        if before.state == hoering_after:
            assert before.meeting_date + timedelta(days=HOERING) <= after.deadline


def _deadline(app: App, code: str) -> date:
    return next(m.deadline for m in app.meetings.query() if m.id == code)


# -- the plan ------------------------------------------------------------------------------------


def test_a_plan_to_kb_in_november_takes_the_latest_workable_meeting_for_every_step(
        year: App) -> None:
    plan = year.planner.propose("1", "KB-2027-11-24")
    _assert_sound(year, plan)
    assert [s.state for s in plan.steps] == MAIN
    assert [s.body for s in plan.steps] == ["OMU", "BUU", "OEK", "KB"]
    assert [s.meeting for s in plan.steps] == [
        "OMU-2027-09-03", "BUU-2027-10-10", "OEK-2027-11-17", "KB-2027-11-24"]
    assert not any(s.already_booked for s in plan.steps)
    # Latest: the next meeting of each body would miss the following step's sagsfrist (or the
    # høring would not fit before it).
    for step, after in itertools.pairwise(plan.steps):
        gap = timedelta(days=HOERING if step.state == "buu" else 0)
        next_one = _later(year, step.body, step.meeting_date)[0]
        assert next_one >= after.deadline or next_one + gap > after.deadline
    assert year.meetings.bookings("1") == []


def test_an_existing_booking_that_fits_is_kept_instead_of_a_later_meeting(year: App) -> None:
    year.meetings.book("1", "OMU-2027-05-03")
    plan = year.planner.propose("1", "KB-2027-11-24")
    _assert_sound(year, plan)
    assert (plan.steps[0].meeting, plan.steps[0].already_booked) == ("OMU-2027-05-03", True)
    assert [s.already_booked for s in plan.steps[1:]] == [False, False, False]


def test_an_existing_booking_that_would_strand_an_earlier_step_is_not_reused(
        year: App) -> None:
    # No OMU meeting with an open sagsfrist lies before BUU-2027-04-10's sagsfrist.
    year.meetings.book("1", "BUU-2027-04-10")
    plan = year.planner.propose("1", "KB-2027-11-24")
    _assert_sound(year, plan)
    assert plan.steps[1].meeting == "BUU-2027-10-10" and not plan.steps[1].already_booked


def test_a_longer_hoering_moves_the_meeting_before_it_earlier(year: App) -> None:
    longer = year.at(Context(actor="sek", now=year.ctx.now, config=Config(hoering_days=30)))
    plan = longer.planner.propose("1", "KB-2027-11-24")
    assert [s.meeting for s in plan.steps][1:3] == ["BUU-2027-09-10", "OEK-2027-11-17"]
    buu, oek = plan.steps[1:3]
    assert buu.meeting_date + timedelta(days=30) <= oek.deadline
    assert date(2027, 10, 10) + timedelta(days=30) > oek.deadline


def test_cancelled_meetings_are_never_used(year: App) -> None:
    year.meetings.cancel("OEK-2027-11-17")
    plan = year.planner.propose("1", "KB-2027-11-24")
    _assert_sound(year, plan)
    assert [s.meeting for s in plan.steps][1:3] == ["BUU-2027-09-10", "OEK-2027-10-17"]


def test_a_target_out_of_reach_names_the_late_step_and_the_earliest_target(year: App) -> None:
    plan = year.planner.propose("1", "KB-2027-04-24")
    assert not plan.feasible and plan.problem is not None
    assert plan.problem.key == "plan.step_too_late"
    assert plan.problem.params["body"] == "BUU"
    earliest = plan.earliest_target
    assert earliest is not None and earliest.startswith("KB-")
    text = plan.problem.message("da")
    assert "BUU" in text and "KB-2027-04-24" in text and earliest in text
    assert "2027-03-01" in text  # from today …
    # … and the earliest target really is the first KB meeting that works.
    _assert_sound(year, year.planner.propose("1", earliest))
    before = [m.id for m in year.meetings.query(body="KB") if m.id < earliest]
    assert not year.planner.propose("1", before[-1]).feasible
    assert [s.body for s in plan.steps] == ["OEK", "KB"]  # the steps that do still work


def test_a_target_whose_own_sagsfrist_has_passed_says_so(year: App) -> None:
    plan = year.planner.propose("1", "KB-2027-02-24")
    assert plan.problem is not None and plan.problem.key == "plan.target_too_late"
    assert plan.problem.params["deadline"] == _deadline(year, "KB-2027-02-24").isoformat()
    assert plan.steps == ()
    assert "KB-2027-02-24" in plan.problem.message("en")


def test_without_any_reachable_target_the_advice_is_to_add_meetings(year: App) -> None:
    late = app_at(year, "2027-10-01T09:00")
    plan = late.planner.propose("1", "KB-2027-11-24")
    assert plan.problem is not None and plan.earliest_target is None
    assert plan.problem.key == "plan.step_too_late_none"
    assert "aarshjul meeting add" in plan.problem.message("da")


def test_in_hoering_the_consultation_end_bounds_the_next_step(people: App) -> None:
    _year(people)
    people.items.add("Strategi", owner="dir")
    people.moves.advance(["1"])
    people.meetings.book("1", "OMU-2027-02-03")
    people.moves.advance(["1"])
    people.moves.advance(["1"], decision="Godkendt")
    people.meetings.book("1", "BUU-2027-02-10")
    people.moves.advance(["1"], decision="Sendt i høring", until=date(2027, 6, 1))
    plan = people.planner.propose("1", "KB-2027-05-24")
    assert plan.problem is not None and plan.problem.params["body"] == "OEK"
    assert plan.problem.params["start"] == "2027-06-01"
    # KB takes the case on ØK's indstilling a week later (kb is chained): June is reachable.
    assert plan.earliest_target == "KB-2027-06-24"
    reachable = people.planner.propose("1", "KB-2027-06-24")
    assert [s.meeting for s in reachable.steps] == ["OEK-2027-06-17", "KB-2027-06-24"]
    assert reachable.steps[1].deadline == date(2027, 6, 17)
    assert reachable.steps[0].deadline >= date(2027, 6, 1)
    with people.db.transaction() as s:
        from aarshjul.services.items import load_item

        assert next_reachable(s, people.ctx, load_item(s, "1")) == "OEK-2027-06-17"


def test_a_held_meeting_of_the_current_state_is_kept_although_its_sagsfrist_passed(
        people: App) -> None:
    _year(people)
    people.items.add("Strategi", owner="dir")
    people.moves.advance(["1"])
    people.meetings.book("1", "OMU-2027-02-03")
    people.moves.advance(["1"])  # in OMU, the meeting is held, the decision not yet recorded
    plan = people.planner.propose("1", "KB-2027-11-24")
    assert (plan.steps[0].meeting, plan.steps[0].already_booked) == ("OMU-2027-02-03", True)
    assert plan.feasible and len(plan.new_steps) == 3


def test_next_reachable_is_the_first_meeting_whose_sagsfrist_has_not_passed(year: App) -> None:
    from aarshjul.services.items import load_item

    # OMU-2027-03-03 has its sagsfrist on 2027-02-24, before today.
    assert _deadline(year, "OMU-2027-03-03") < year.ctx.today
    with year.db.transaction() as s:
        assert next_reachable(s, year.ctx, load_item(s, "1")) == "OMU-2027-04-03"
    year.meetings.cancel("OMU-2027-04-03")
    with year.db.transaction() as s:
        assert next_reachable(s, year.ctx, load_item(s, "1")) == "OMU-2027-05-03"
    year.items.add("Læseløft", kind="handlemaal", workflow="handleplan")
    with year.db.transaction() as s:
        assert next_reachable(s, year.ctx, load_item(s, "2")) is None


# -- booking the plan ----------------------------------------------------------------------------


def test_apply_books_every_new_step_with_one_audit_entry_each(year: App, cli: Cli) -> None:
    year.meetings.book("1", "OMU-2027-05-03")
    result = cli("plan", "1", "--target", "KB-2027-11-24", "--apply")
    assert result.exit_code == 0, result.output
    assert "3 nye bookinger" in result.output
    assert "booket" in result.output and "ny" in result.output
    booked = [(b.meeting, b.state) for b in year.meetings.bookings("1")]
    assert booked == [("OMU-2027-05-03", "godkendelse-omu"), ("BUU-2027-10-10", "buu"),
                      ("OEK-2027-11-17", "oek"), ("KB-2027-11-24", "kb")]
    history = [e for e in year.items.history("1") if e.action == "book"]
    assert [e.data["meeting"] for e in history] == [
        "OMU-2027-05-03", "BUU-2027-10-10", "OEK-2027-11-17", "KB-2027-11-24"]
    shown = json.loads(cli("deadlines", "--json").output)
    # KB's sagsfrist is ØK's decision (kb is chained), the others are counted back.
    assert {(d["meeting"], d["due"]) for d in shown if d["kind"] == "sagsfrist"} == {
        *((m, _deadline(year, m).isoformat()) for m, _ in booked[:3]),
        ("KB-2027-11-24", "2027-11-17")}
    again = cli("plan", "1", "--target", "KB-2027-11-24", "--apply", lang="en")
    assert again.exit_code == 0 and "0 new bookings" in again.output
    assert len(year.meetings.bookings("1")) == 4


def test_an_infeasible_plan_exits_1_and_apply_books_nothing(year: App, cli: Cli) -> None:
    audit_before = year.audit.verify().total
    shown = cli("plan", "1", "--target", "KB-2027-04-24")
    assert shown.exit_code == 1
    assert "BUU" in shown.stderr and "aarshjul plan 1 --target KB-" in shown.stderr
    applied = cli("plan", "1", "--target", "KB-2027-04-24", "--apply")
    assert applied.exit_code == 1 and "BUU" in applied.stderr
    assert year.meetings.bookings("1") == []
    assert year.audit.verify().total == audit_before
    with pytest.raises(WorkflowRefused):
        year.planner.apply("1", "KB-2027-04-24")


def test_plan_json_and_bad_input(year: App, cli: Cli) -> None:
    data = json.loads(cli("plan", "1", "--target", "kb-2027-11-24", "--json").output)
    assert data["feasible"] is True and data["problem"] is None
    assert [s["meeting"] for s in data["steps"]][-1] == "KB-2027-11-24"
    assert cli("plan", "1", "--target", "KB-2031-01-01").exit_code == 2
    assert cli("plan", "9", "--target", "KB-2027-11-24").exit_code == 2
    year.meetings.cancel("KB-2027-10-24")
    assert cli("plan", "1", "--target", "KB-2027-10-24").exit_code == 2


def test_two_readings_book_buu_twice_with_their_states(people: App) -> None:
    _year(people)
    people.items.add("Strategi", owner="dir", workflow="strategiproces-2-behandlinger")
    people.moves.advance(["1"])
    plan = people.planner.apply("1", "KB-2027-11-24")
    assert [s.state for s in plan.steps] == ["godkendelse-omu", "buu-1", "buu-2", "oek", "kb"]
    _assert_sound(people, plan, hoering_after="buu-1")
    booked = {b.state: b.meeting for b in people.meetings.bookings("1")}
    assert booked["buu-1"].startswith("BUU-") and booked["buu-2"].startswith("BUU-")
    assert booked["buu-1"] < booked["buu-2"]
    assert {b: m for b, m in booked.items()} == {s.state: s.meeting for s in plan.steps}


# -- the search, over random calendars ------------------------------------------------------------

CALENDAR = WorkingCalendar()
DAYS = {"OMU": 5, "BUU": 10, "OEK": 12, "KB": 15}
STRATEGY = next(d for d in shipped() if d.name == "strategiproces")
START = date(2027, 1, 1)


@st.composite
def calendars(draw: st.DrawFn) -> list[Slot]:
    slots = []
    for body, days in DAYS.items():
        offsets = draw(st.lists(st.integers(0, 364), max_size=6, unique=True))
        for offset in offsets:
            day = START + timedelta(days=offset)
            slots.append(Slot(code=f"{body}-{day.isoformat()}", body=body, date=day,
                              deadline=CALENDAR.working_days_before(day, days),
                              cancelled=draw(st.integers(0, 4)) == 0))
    return slots


def _usable(stage: Stage, slots: Sequence[Slot], floor: date) -> list[Slot]:
    return [m for m in slots if m.body == stage.body and not m.cancelled and m.deadline >= floor]


def _in_time(before: Slot, after: Slot, hoering: int | None) -> bool:
    """The rule, written out independently of the planner's own ``fits``."""
    if not before.date < after.deadline <= after.date:
        return False
    return hoering is None or (after.deadline - before.date).days >= hoering


def _chains(stages: Sequence[Stage], slots: Sequence[Slot], today: date, ready: date,
            hoering: int) -> list[tuple[Slot, ...]]:
    """Every valid assignment, by brute force."""
    options = [_usable(s, slots, ready if i == 0 else today) for i, s in enumerate(stages)]
    found = []
    for combo in itertools.product(*options):
        if all(_in_time(a, b, hoering if stages[i + 1].hoering_before else None)
               for i, (a, b) in enumerate(itertools.pairwise(combo))):
            found.append(combo)
    return found


@settings(max_examples=120, deadline=None, database=None)
@given(slots=calendars(), today_offset=st.integers(0, 200), hoering=st.integers(0, 30),
       current=st.sampled_from(["kvalificering", "godkendelse-omu", "buu", "hoering", "oek"]),
       until_offset=st.integers(-10, 40), pick=st.integers(0, 100), data=st.data())
def test_the_search_keeps_its_invariants_on_random_calendars(
        slots: list[Slot], today_offset: int, hoering: int, current: str, until_offset: int,
        pick: int, data: st.DataObject) -> None:
    today = START + timedelta(days=today_offset)
    kb = sorted((m for m in slots if m.body == "KB" and not m.cancelled), key=lambda m: m.date)
    assume(kb)
    target = kb[pick % len(kb)]
    booked_codes = data.draw(st.sets(st.sampled_from([m.code for m in slots])))
    plain = stages_for(STRATEGY, current, "kb")
    stages = tuple(Stage(key=s.key, label=s.label, body=s.body, hoering_before=s.hoering_before,
                         booked=frozenset(c for c in booked_codes if c.startswith(s.body + "-")))
                   for s in plain)
    ready = ready_from(STRATEGY, current, stages[0].key, today=today, hoering_days=hoering,
                       consultation_until=today + timedelta(days=until_offset))
    found = schedule(stages, slots, target.code, today=today, ready=ready, hoering_days=hoering)
    chains = _chains(stages, slots, today, ready, hoering)

    assert found.feasible == any(c[-1] == target for c in chains)
    reachable = sorted({c[-1] for c in chains}, key=lambda m: m.date)
    if reachable:
        assert found.earliest is not None and found.earliest.date == reachable[0].date
    else:
        assert found.earliest is None
    if not found.feasible:
        assert found.failed is not None
        assert all(m is None for m in found.chosen[:found.failed + 1])
        return
    chosen = tuple(m for m in found.chosen if m is not None)
    assert chosen in chains  # deadlines not passed, not cancelled, in order, høring gap
    for i, stage in enumerate(stages[:-1]):
        after = chosen[i + 1]
        # Every meeting of this stage that would still leave a complete plan.
        workable = [c[i] for c in chains if c[i + 1:] == chosen[i + 1:]]
        booked = [m for m in workable if m.code in stage.booked]
        best = max(booked or workable, key=lambda m: m.date)
        assert chosen[i].date == best.date, (stage.key, after.code)
