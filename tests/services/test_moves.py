"""Moving items: guards, refusals that write nothing, bulk all-or-nothing, force, other moves."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from aarshjul.app import App
from aarshjul.dates.formats import long_date
from aarshjul.errors import Conflict, InvalidInput, WorkflowRefused
from aarshjul.services.moves import load_items
from aarshjul.store.models import Decision, Item, Meeting
from aarshjul.workflow.definitions import WITHDRAWN
from tests.conftest import Cli, app_at


@pytest.fixture
def strategy(people: App) -> App:
    people.items.add("Børne- og ungestrategi", owner="dir")
    people.items.add("Trivsel", parent="1", owner="mette")
    people.items.add("Læring", parent="1", owner="mette")
    return people


def _to_omu(app: App, *refs: str) -> None:
    app.moves.advance(list(refs))
    app.moves.advance(list(refs))


def _held_omu(app: App, *refs: str) -> None:
    app_at(app, "2027-01-02").meetings.add("OMU", date(2027, 2, 10))
    for ref in refs:
        app.meetings.book(ref, "OMU-2027-02-10")


def test_new_items_are_numbered_under_their_parent(strategy: App) -> None:
    assert [v.ref for v in strategy.items.query()] == ["1", "1.1", "1.2"]
    assert strategy.items.show("1.2").kind == "indsatsomraade"
    assert strategy.items.add("Ny", parent="1").ref == "1.3"


def test_a_handlemaal_gets_the_handleplan_workflow(strategy: App) -> None:
    strategy.items.add("Delmål", parent="1.1")
    view = strategy.items.add("Læseløft", parent="1.1.1")
    assert (view.kind, view.workflow, view.state) == ("handlemaal", "handleplan", "planlagt")


def test_leaving_a_political_state_needs_a_held_meeting_and_a_decision(strategy: App) -> None:
    _to_omu(strategy, "1")
    with pytest.raises(WorkflowRefused) as info:
        strategy.moves.advance(["1"])
    text = info.value.message("da")
    assert "--decision" in text and "aarshjul meeting add OMU" in text
    _held_omu(strategy, "1")
    with pytest.raises(WorkflowRefused) as info:
        strategy.moves.advance(["1"])
    assert "--decision" in info.value.message("da")
    assert "book" not in info.value.message("da")
    moved = strategy.moves.advance(["1"], decision="Godkendt af OMU")
    assert [(m.ref, m.from_state, m.to_state) for m in moved] == [("1", "godkendelse-omu", "buu")]
    assert strategy.items.show("1").decisions[0]["text"] == "Godkendt af OMU"


def test_a_meeting_that_has_not_been_held_does_not_count(strategy: App) -> None:
    _to_omu(strategy, "1")
    strategy.meetings.add("OMU", date(2027, 3, 10))
    strategy.meetings.book("1", "OMU-2027-03-10")
    with pytest.raises(WorkflowRefused) as info:
        strategy.moves.advance(["1"], decision="Godkendt")
    assert "OMU's møde onsdag den 10. marts 2027" in info.value.message("da")  # not its id
    assert app_at(strategy, "2027-03-10T18:00").moves.advance(["1"], decision="Godkendt")


def test_a_bulk_advance_moves_all_or_none_and_names_every_refusal(strategy: App) -> None:
    _to_omu(strategy, "1", "1.1", "1.2")
    _held_omu(strategy, "1", "1.1")
    before = len(strategy.items.history("1"))
    with pytest.raises(WorkflowRefused) as info:
        strategy.moves.advance(["1", "1.1", "1.2"], decision="Godkendt")
    assert info.value.params["count"] == 1
    assert any("1.2" in line for line in info.value.details)
    assert [v.state for v in strategy.items.query()] == ["godkendelse-omu"] * 3
    assert len(strategy.items.history("1")) == before
    strategy.meetings.book("1.2", "OMU-2027-02-10")
    moved = strategy.moves.advance(["1", "1.1", "1.2"], decision="Godkendt")
    assert len(moved) == 3
    assert [v.state for v in strategy.items.query()] == ["buu"] * 3


def test_a_bulk_advance_meets_the_bookings_of_the_states_left_and_no_others(
        strategy: App) -> None:
    _to_omu(strategy, "1", "1.1", "1.2")
    _held_omu(strategy, "1", "1.1", "1.2")
    strategy.meetings.add("BUU", date(2027, 5, 12))
    strategy.meetings.book("1", "BUU-2027-05-12", state="buu")

    def open_bookings() -> list[tuple[str, str]]:
        return sorted((d.ref, d.meeting or "") for d in strategy.deadlines.due()
                      if d.kind == "sagsfrist")

    assert open_bookings() == [("1", "BUU-2027-05-12"), ("1", "OMU-2027-02-10"),
                               ("1.1", "OMU-2027-02-10"), ("1.2", "OMU-2027-02-10")]
    strategy.moves.advance(["1", "1.1"], decision="Godkendt")
    assert open_bookings() == [("1", "BUU-2027-05-12"), ("1.2", "OMU-2027-02-10")]
    strategy.moves.withdraw("1", reason="Droppet")
    assert open_bookings() == [("1.2", "OMU-2027-02-10")]


def test_a_bulk_advance_over_a_row_changed_meanwhile_writes_nothing(strategy: App) -> None:
    # The session holds 1.1 as read first; its row then changes under the command (another
    # command's move), so the bulk write finds one row fewer at the version it read: a
    # conflict (exit 3), and neither item moves nor gets an audit entry.
    before = [(v.ref, v.state) for v in strategy.items.query()]
    history = len(strategy.items.history("1"))
    with pytest.raises(Conflict), strategy.db.transaction() as s:
        [item] = load_items(s, ["1.1"])
        items = Item.metadata.tables["items"]
        s.connection().execute(update(items).where(items.c.id == item.id)
                               .values(version=items.c.version + 1))
        strategy.moves.advance_in(s, ["1", "1.1"])
    assert [(v.ref, v.state) for v in strategy.items.query()] == before
    assert len(strategy.items.history("1")) == history
    assert len(strategy.moves.advance(["1", "1.1"])) == 2


def test_force_overrides_a_guard_only_with_a_reason_and_is_audited(strategy: App) -> None:
    _to_omu(strategy, "1")
    with pytest.raises(InvalidInput):
        strategy.moves.advance(["1"], force=True)
    moved = strategy.moves.advance(["1"], force=True, reason="Besluttet på ekstraordinært møde")
    assert moved[0].forced
    last = strategy.items.history("1")[-1]
    assert last.data["forced"] == {"reason": "Besluttet på ekstraordinært møde",
                                   "overrode": ["decision", "held-meeting"]}


def test_the_hoering_cannot_be_left_before_it_ends(strategy: App) -> None:
    strategy.moves.advance(["1"])
    strategy.moves.advance(["1"])
    strategy.moves.advance(["1"], force=True, reason="test")
    strategy.moves.advance(["1"], force=True, reason="test", until=date(2027, 3, 19))
    assert strategy.items.show("1").consultation_until == date(2027, 3, 19)
    with pytest.raises(WorkflowRefused) as info:
        strategy.moves.advance(["1"], decision="x")
    assert "fredag den 19. marts 2027" in info.value.message("da")
    assert app_at(strategy, "2027-03-21").moves.advance(["1"])[0].to_state == "oek"


def test_moving_to_the_state_the_item_is_already_in_is_a_conflict(strategy: App) -> None:
    strategy.moves.advance(["1"], to="kvalificering")
    with pytest.raises(Conflict):
        strategy.moves.advance(["1"], to="Kvalificering")


def test_send_back_pause_resume_and_withdraw(strategy: App) -> None:
    _to_omu(strategy, "1")
    strategy.moves.send_back("1", to="droeftelse", reason="Mere input fra lederne")
    assert strategy.items.show("1").state == "droeftelse"
    with pytest.raises(WorkflowRefused):
        strategy.moves.send_back("1", to="kb", reason="x")
    strategy.moves.pause("1", reason="Afventer budget")
    with pytest.raises(WorkflowRefused) as info:
        strategy.moves.advance(["1"])
    assert "aarshjul resume 1" in info.value.message("da")
    assert [m.kind for m in strategy.items.show("1").allowed] == ["resume", "withdraw"]
    strategy.moves.resume("1")
    strategy.moves.withdraw("1", reason="Indgår i ny strategi")
    view = strategy.items.show("1")
    assert view.state == "trukket-tilbage" and view.allowed == ()
    with pytest.raises(WorkflowRefused):
        strategy.moves.withdraw("1", reason="igen")
    assert [h.action for h in strategy.items.history("1")] == [
        "create", "advance", "advance", "send-back", "pause", "resume", "withdraw"]


def test_item_show_says_what_is_missing(strategy: App) -> None:
    _to_omu(strategy, "1")
    advance = strategy.items.show("1").allowed[0]
    assert advance.kind == "advance" and advance.target == "buu"
    assert any("--decision" in need for need in advance.needs)


def test_items_keep_the_workflow_version_they_started_on(strategy: App, tmp_path: object) -> None:
    import pathlib

    from aarshjul.workflow.definitions import shipped

    source = next(d for d in shipped() if d.name == "handleplan").source
    v2 = source.replace("version = 1", "version = 2").replace('en = "Carried out"',
                                                              'en = "Done"')
    path = pathlib.Path(str(tmp_path)) / "handleplan-v2.toml"
    path.write_text(v2, encoding="utf-8")
    old = strategy.items.add("Gammel", ref="9", kind="handlemaal")
    strategy.workflows.add(str(path))
    new = strategy.items.add("Ny", ref="10", kind="handlemaal")
    assert (old.workflow_version, new.workflow_version) == (1, 2)
    assert strategy.items.show("9").workflow_version == 1


def test_cli_refusals_exit_1_bad_input_exits_2_and_nothing_is_written(
        strategy: App, cli: Cli) -> None:
    _to_omu(strategy, "1")
    before = cli("--json", "history", "1").output
    refused = cli("advance", "1")
    assert refused.exit_code == 1
    assert "OMU" in refused.stderr and "Traceback" not in refused.output
    assert cli("advance", "1", "--to", "kb").exit_code == 1
    assert cli("advance", "7.7").exit_code == 2
    assert "7.7" in cli("advance", "7.7").stderr
    assert cli("advance", "1", "--to", "nowhere").exit_code == 2
    bad_now = cli("advance", "1", now="next tuesday")
    assert bad_now.exit_code == 2 and "--now" in bad_now.stderr
    assert cli("advance", "1", "--force").exit_code == 2
    assert cli("--json", "history", "1").output == before


def test_cli_speaks_english_when_asked(strategy: App, cli: Cli) -> None:
    result = cli("advance", "1", "--to", "kb", lang="en")
    assert result.exit_code == 1 and "cannot move on to" in result.stderr


def _to_udmoentning(app: App, ref: str) -> None:
    while app.items.show(ref).state != "udmoentning":
        app.moves.advance([ref], force=True, reason="test", decision="Godkendt")


def test_handleplaner_are_spawned_per_workplace_once_and_roll_up(strategy: App) -> None:
    strategy.people.add("sara", name="Sara Nielsen", email="sara@kommune.example",
                        role="skoleleder, Nordskolen")
    strategy.items.edit("1.1", succeskriterier="80 % trives")
    with pytest.raises(WorkflowRefused):
        strategy.items.spawn("1.1", ["sara"])
    _to_udmoentning(strategy, "1.1")
    plans = strategy.items.spawn("1.1", ["sara", "mette"], due=date(2027, 12, 31))
    assert [(p.ref, p.owner, p.workflow, p.kind) for p in plans] == [
        ("1.1.1", "sara", "handleplan", "handlemaal"), ("1.1.2", "mette", "handleplan",
                                                        "handlemaal")]
    shown = strategy.items.show("1.1.1")
    assert (shown.succeskriterier, shown.tovholder, shown.due) == (
        "80 % trives", "skoleleder, Nordskolen", date(2027, 12, 31))
    with pytest.raises(InvalidInput) as info:
        strategy.items.spawn("1.1", ["sara"])
    assert "sara" in info.value.message("da")
    assert strategy.items.show("1.1").progress == (0, 2)
    for _ in range(3):
        strategy.moves.advance(["1.1.1"])
    assert strategy.items.show("1.1.1").state == "evalueret"
    assert strategy.items.show("1.1").progress == (1, 2)
    strategy.moves.withdraw("1.1.2", reason="Skolen lukker")
    assert strategy.items.query(under="1.1")[0].progress == (1, 1)


def test_handleplaner_from_a_template(strategy: App, cli: Cli, tmp_path: object) -> None:
    import pathlib

    strategy.people.add("sara", name="Sara Nielsen", email="sara@kommune.example",
                        role="skoleleder")
    _to_udmoentning(strategy, "1.1")
    template = pathlib.Path(str(tmp_path)) / "skabelon.toml"
    template.write_text('title = "{name}: handleplan for {parent}"\n'
                        'tids_og_handleplan = "Forår: kickoff i LMU. Efterår: opfølgning."\n'
                        'due = 2027-12-31\nfor = ["sara", "mette"]\n', encoding="utf-8")
    result = cli("--json", "item", "spawn", "1.1", "--template", str(template))
    assert result.exit_code == 0, result.output
    shown = strategy.items.show("1.1.1")
    assert shown.title == "Sara Nielsen: handleplan for Trivsel"
    assert shown.tids_og_handleplan.startswith("Forår: kickoff")
    assert (shown.due, shown.tovholder) == (date(2027, 12, 31), "skoleleder")
    bad = pathlib.Path(str(tmp_path)) / "bad.toml"
    bad.write_text('title = "{navn}"\nfarve = 1\n', encoding="utf-8")
    refused = cli("item", "spawn", "1.1", "--for", "dir", "--template", str(bad))
    assert refused.exit_code == 2
    assert "{navn}" in refused.stderr and "farve: unknown key" in refused.stderr
    assert len(strategy.items.query(under="1.1")) == 3


def test_a_decision_is_filed_under_the_latest_held_meeting_it_was_booked_on(
        strategy: App) -> None:
    _to_omu(strategy, "1")
    early = app_at(strategy, "2027-01-02")
    for day in (date(2027, 1, 20), date(2027, 2, 10), date(2027, 3, 19)):
        early.meetings.add("OMU", day)
        strategy.meetings.book("1", f"OMU-{day.isoformat()}")
    strategy.moves.advance(["1"], decision="Godkendt af OMU")
    with strategy.db.transaction() as s:
        filed = s.scalars(select(Meeting.code).join(Decision, Decision.meeting_id == Meeting.id)
                          ).all()
    assert filed == ["OMU-2027-02-10"]  # held and booked; 2027-03-19 is not held yet


def test_which_refusal_comes_first_when_several_apply(strategy: App) -> None:
    strategy.moves.advance(["1"])  # kvalificering; 1.1 stays in drøftelse
    from_kvalificering = ("Mulige træk: advance → Godkendelse i OMU, send-back → Drøftelse, "
                          "withdraw → Trukket tilbage.")
    for ref, to, text in (
            ("1", "droeftelse", f'gå videre til "Drøftelse" fra "Kvalificering". '
                                f'{from_kvalificering}'),
            ("1", WITHDRAWN, 'gå videre til "Trukket tilbage" fra "Kvalificering". '
                             f'{from_kvalificering}'),
            ("1.1", "kb", 'gå videre til "KB" fra "Drøftelse". Mulige træk: advance → '
                          'Kvalificering, withdraw → Trukket tilbage.')):
        with pytest.raises(WorkflowRefused) as info:  # not a move: refused, before --until
            strategy.moves.advance([ref], to=to, until=date(2027, 3, 20))
        assert info.value.message("da") == f"Punkt {ref} kan ikke {text}"
    strategy.moves.advance(["1"])  # godkendelse-omu: no meeting, no decision
    with pytest.raises(InvalidInput) as bad:  # --until is checked before the guards
        strategy.moves.advance(["1"], until=date(2027, 3, 20))
    assert bad.value.key == "move.until_not_consultation"
    with pytest.raises(WorkflowRefused) as info:
        strategy.moves.send_back("1", to="buu", reason="x")
    assert "sendes tilbage til" in info.value.message("da")


def _to_buu(app: App) -> None:
    """Item 1 in BUU, booked on a BUU meeting held a week ago: it may go to høring."""
    app.moves.advance(["1"])
    app.moves.advance(["1"])
    app.moves.advance(["1"], force=True, reason="test")
    app.meetings.add("BUU", date(2027, 2, 22))
    app_at(app, "2027-02-01T10:00").meetings.book("1", "BUU-2027-02-22")


def test_a_hoering_must_end_on_a_working_day(strategy: App) -> None:
    _to_buu(strategy)
    with pytest.raises(InvalidInput) as info:  # Saturday 20 March 2027
        strategy.moves.advance(["1"], force=True, reason="test", until=date(2027, 3, 20))
    text = info.value.message("da")
    assert "20. marts 2027" in text and "19. marts 2027" in text and "22. marts 2027" in text
    assert strategy.items.show("1").state == "buu"  # nothing written


def test_the_default_hoering_end_is_moved_on_to_a_working_day(strategy: App) -> None:
    _to_buu(strategy)
    sunday = app_at(strategy, "2027-03-07T10:00")  # 14 days later is Sunday 21 March
    sunday.moves.advance(["1"], force=True, reason="test")
    assert strategy.items.show("1").consultation_until == date(2027, 3, 22)


def test_a_hoering_ending_after_the_next_bookings_sagsfrist_is_refused_unless_forced(
        strategy: App) -> None:
    _to_buu(strategy)
    strategy.meetings.add("OEK", date(2027, 4, 20))
    sagsfrist = strategy.meetings.book("1", "OEK-2027-04-20", state="oek").deadline
    too_late = sagsfrist + timedelta(days=7)
    with pytest.raises(WorkflowRefused) as info:
        strategy.moves.advance(["1"], decision="I høring", until=too_late)
    text = info.value.message("da")
    assert long_date(sagsfrist, "da") in text and "--force" in " ".join(info.value.details)
    assert strategy.items.show("1").state == "buu"
    strategy.moves.advance(["1"], decision="I høring", until=sagsfrist)  # the latest end
    assert strategy.items.show("1").consultation_until == sagsfrist


def test_a_forced_late_hoering_is_audited_as_such(strategy: App) -> None:
    _to_buu(strategy)
    strategy.meetings.add("OEK", date(2027, 4, 20))
    sagsfrist = strategy.meetings.book("1", "OEK-2027-04-20", state="oek").deadline
    late = strategy.moves.advance(["1"], force=True, reason="Politisk ønske om lang høring",
                                  until=sagsfrist + timedelta(days=7))
    assert late[0].forced
    entry = [e for e in strategy.items.history("1") if e.action == "advance"][-1]
    assert "move.until_after_sagsfrist" in entry.data["forced"]["overrode"]
    assert entry.data["forced"]["reason"] == "Politisk ønske om lang høring"
