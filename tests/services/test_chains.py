"""Issue 15's must-hold year: a strategy from drøftelse in January to KB in November, with OMU in
June, BUU twice around a høring, ØK on a Monday and KB eight days later on ØK's indstilling, and
an orientation at a ledermøde the day after KB. It plans with ``plan --target``, every move goes
through without a refusal, and the reminder scan of every day of the year finds no overdue
deadline and no escalation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from aarshjul.app import App
from aarshjul.notifications import scan
from tests.conftest import Cli, app_at

MEETINGS = {
    "LEDERMOEDE": [date(2027, 1, 12), date(2027, 11, 24)],
    "OMU": [date(2027, 3, 9), date(2027, 6, 8)],
    "BUU": [date(2027, 5, 4), date(2027, 9, 7), date(2027, 10, 26), date(2027, 12, 7)],
    "OEK": [date(2027, 10, 4), date(2027, 11, 15)],  # Mondays
    "KB": [date(2027, 10, 12), date(2027, 11, 23)],  # eight days after ØK
}
TARGET = "KB-2027-11-23"


def _year(app: App) -> None:
    for body, days in MEETINGS.items():
        for day in days:
            app.meetings.add(body, day)
    app.meetings.add_body("TEMA", name="Temamøder i kommunalbestyrelsen", deadline_days=None)
    app.meetings.add("TEMA", date(2027, 4, 20), title="Temamøde: det lange perspektiv")


def _script(app: App) -> dict[date, Callable[[App], object]]:
    """What the secretariat does, by day, in the morning before the day's reminder scan."""

    def deliver(meeting: str) -> Callable[[App], object]:
        return lambda a: a.deadlines.deliver("1", meeting)

    def advance(decision: str | None = None, until: date | None = None
                ) -> Callable[[App], object]:
        return lambda a: a.moves.advance(["1"], decision=decision, until=until)

    def plan(a: App) -> None:
        a.moves.advance(["1"])  # kvalificering → godkendelse i OMU
        applied = a.planner.apply("1", TARGET)
        assert [s.meeting for s in applied.steps] == [
            "OMU-2027-06-08", "BUU-2027-09-07", "BUU-2027-10-26", "OEK-2027-11-15", TARGET]
        assert applied.steps[-1].deadline == date(2027, 11, 15)  # ØK's decision

    return {
        date(2027, 1, 6): deliver("LEDERMOEDE-2027-01-12"),
        date(2027, 1, 12): advance(),  # drøftet på ledermødet → kvalificering
        date(2027, 1, 14): plan,
        date(2027, 5, 31): deliver("OMU-2027-06-08"),
        date(2027, 6, 8): advance("Godkendt i OMU"),
        date(2027, 8, 23): deliver("BUU-2027-09-07"),
        date(2027, 9, 7): advance("Sendes i høring", until=date(2027, 10, 5)),
        date(2027, 10, 5): advance(),  # høringen er slut → BUU 2. behandling
        date(2027, 10, 11): deliver("BUU-2027-10-26"),
        date(2027, 10, 26): advance("Anbefales over for ØK"),
        date(2027, 10, 27): deliver("OEK-2027-11-15"),
        date(2027, 11, 15): advance("Indstilles til KB"),
        date(2027, 11, 18): deliver("LEDERMOEDE-2027-11-24"),
        date(2027, 11, 23): advance("Vedtaget"),
    }


def test_a_strategy_year_runs_without_an_overdue_reminder_or_an_escalation(people: App) -> None:
    start = app_at(people, "2027-01-04T08:00")
    _year(start)
    start.items.add("Børne- og ungestrategi", owner="mette",
                    workflow="strategiproces-2-behandlinger")
    start.meetings.book("1", "LEDERMOEDE-2027-01-12")
    start.meetings.book("1", "LEDERMOEDE-2027-11-24", orientation=True)
    script = _script(start)
    day, late = date(2027, 1, 4), []
    while day <= date(2027, 12, 31):
        app = app_at(people, f"{day.isoformat()}T10:00")
        if day in script:
            script.pop(day)(app)  # raises on any refusal
        with app.db.transaction() as s:
            late += [(day, c.key) for c in scan.due_now(s, app.ctx)
                     if c.due.kind in ("overdue", "escalate")]
        day += timedelta(days=1)
    assert not script
    assert late == []
    assert people.items.show("1").state == "udmoentning"


def test_the_year_plans_from_the_command_line(people: App, cli: Cli) -> None:
    early = app_at(people, "2027-01-04T08:00")
    _year(early)
    early.items.add("Strategi", owner="mette", workflow="strategiproces-2-behandlinger")
    early.moves.advance(["1"])
    early.moves.advance(["1"])
    # The people were added "in March": planning in January is set up out of time order.
    shown = cli("--backdate", "test set-up", "plan", "1", "--target", TARGET, "--apply",
                now="2027-01-14T09:00")
    assert shown.exit_code == 0, shown.output
    # the plan names the meetings by body and day, not by id (issue 17)
    assert "ØK     15.11.2027" in shown.output and "KB     23.11.2027" in shown.output
    kb = next(b for b in people.meetings.bookings("1") if b.meeting == TARGET)
    assert kb.deadline == date(2027, 11, 15)


# -- the chained sagsfrist ----------------------------------------------------------------------


def _chain(people: App) -> App:
    """An item in ØK (strategiproces) with ØK on a Monday and KB eight days later."""
    for body, day in (("OEK", date(2027, 11, 15)), ("KB", date(2027, 11, 23)),
                      ("OEK", date(2027, 11, 29)), ("LEDERMOEDE", date(2027, 11, 24))):
        people.meetings.add(body, day)
    people.items.add("Strategi", owner="mette")
    return people


def test_kb_s_sagsfrist_is_the_oek_meeting_whichever_is_booked_first(people: App) -> None:
    app = _chain(people)
    kb = app.meetings.book("1", "KB-2027-11-23", state="kb")
    assert kb.deadline == date(2027, 11, 2)  # no ØK booking yet: counted back, 15 working days
    app.meetings.book("1", "OEK-2027-11-15", state="oek")
    [kb] = [b for b in app.meetings.bookings("1") if b.body == "KB"]
    assert kb.deadline == date(2027, 11, 15)


def test_moving_or_cancelling_the_oek_meeting_moves_kb_s_sagsfrist(people: App) -> None:
    app = _chain(people)
    app.meetings.book("1", "OEK-2027-11-15", state="oek")
    app.meetings.book("1", "KB-2027-11-23", state="kb")
    app.meetings.move("OEK-2027-11-15", date(2027, 11, 16))

    def kb() -> date:
        return next(b.deadline for b in app.meetings.bookings("1") if b.body == "KB")

    assert kb() == date(2027, 11, 16)
    app.meetings.cancel("OEK-2027-11-15")
    assert kb() == date(2027, 11, 2)


def test_a_chained_deadline_is_met_when_the_item_reaches_kb_and_has_no_early_reminders(
        people: App) -> None:
    app = _chain(people)
    app.meetings.book("1", "OEK-2027-11-15", state="oek")
    app.meetings.book("1", "KB-2027-11-23", state="kb")
    early = app_at(people, "2027-11-08T10:00")
    with early.db.transaction() as s:
        kinds = {(c.payload["meeting"], c.due.kind) for c in scan.due_now(s, early.ctx)}
    assert ("KB-2027-11-23", "before") not in kinds  # ØK's sagsfrist has its own reminders
    shown = early.deadlines.due()
    [kb] = [d for d in shown if d.meeting == "KB-2027-11-23"]
    assert kb.chained_from == "ØK" and kb.due == date(2027, 11, 15)
    # Not recorded after ØK met: overdue the next working day, which is the honest signal.
    late = app_at(people, "2027-11-16T10:00")
    assert any(d.meeting == "KB-2027-11-23" and d.overdue for d in late.deadlines.due())


def test_the_deadline_list_says_whose_decision_a_chained_sagsfrist_is(
        people: App, cli: Cli) -> None:
    app = _chain(people)
    app.meetings.book("1", "OEK-2027-11-15", state="oek")
    app.meetings.book("1", "KB-2027-11-23", state="kb")
    shown = cli("deadlines", now="2027-11-01T10:00")
    assert shown.exit_code == 0
    assert "KB 23.11.2027 (beslutningen i ØK)" in shown.output
    english = cli("deadlines", now="2027-11-01T10:00", lang="en")
    assert "KB 23/11/2027 (decision of ØK)" in english.output


LEDER_AFTER_KB = '''
name = "kb-og-ledere"
version = 1
initial = "oek"
kinds = []
[title]
da = "ØK, KB og ledermøde"
en = "ØK, KB and managers"
[[states]]
key = "oek"
da = "ØK"
en = "Finance Committee"
body = "OEK"
political = true
booking = true
next = ["kb"]
[[states]]
key = "kb"
da = "KB"
en = "Municipal Council"
body = "KB"
political = true
booking = true
chained = true
next = ["ledere"]
[[states]]
key = "ledere"
da = "Ledermøde"
en = "Managers' meeting"
body = "LEDERMOEDE"
booking = true
chained = true
next = ["slut"]
[[states]]
key = "slut"
da = "Slut"
en = "Done"
terminal = true
'''


def test_kb_to_a_ledermoede_the_day_after_chains_the_same_way(people: App,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "kb-og-ledere.toml"
    path.write_text(LEDER_AFTER_KB, encoding="utf-8")
    people.workflows.add(str(path))
    app = _chain(people)
    app.items.add("Handleplan", owner="mette", workflow="kb-og-ledere")
    plan = app.planner.apply("2", "LEDERMOEDE-2027-11-24")
    assert [(s.meeting, s.deadline) for s in plan.steps] == [
        ("OEK-2027-11-15", date(2027, 10, 28)), ("KB-2027-11-23", date(2027, 11, 15)),
        ("LEDERMOEDE-2027-11-24", date(2027, 11, 23))]


def test_a_kb_meeting_without_an_oek_meeting_before_it_is_refused_naming_the_last_day(
        people: App) -> None:
    app = _chain(people)
    app.meetings.add("KB", date(2027, 11, 10))
    app.moves.advance(["1"])
    plan = app.planner.propose("1", "KB-2027-11-10", state="kb")
    assert plan.problem is not None and plan.problem.params["body"] == "OEK"
    assert plan.problem.params["end"] == "2027-11-09"  # any ØK meeting before KB would do
    assert "ØK (OEK) skulle behandle det senest 2027-11-09" in plan.problem.message("da")


def test_an_item_in_kb_can_still_reach_the_kb_meeting_eight_days_after_oek(
        people: App) -> None:
    from aarshjul.services.items import load_item
    from aarshjul.services.planning import next_reachable

    _chain(people)
    in_kb = app_at(people, "2027-11-15T18:00")
    while in_kb.items.show("1").state != "kb":
        in_kb.moves.advance(["1"], force=True, decision="Vedtaget", reason="Test")
    with in_kb.db.transaction() as s:
        assert next_reachable(s, in_kb.ctx, load_item(s, "1")) == "KB-2027-11-23"
