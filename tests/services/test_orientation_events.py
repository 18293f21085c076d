"""Issue 15, points 2, 3 and 6: orientation bookings (on the agenda for information, no state
change, no decision, their own sagsfrist for the material), events (a body without a sagsfrist,
a meeting with a title and no cases) and one-off closed days in the configuration."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from aarshjul.app import App
from aarshjul.config import load
from aarshjul.errors import EnvironmentProblem
from aarshjul.notifications import scan
from tests.conftest import Cli, app_at

LEDER = "LEDERMOEDE-2027-03-16"


@pytest.fixture
def oriented(people: App) -> App:
    """An item in kvalificering, booked for information on a ledermøde (sagsfrist 11 March)."""
    people.meetings.add("LEDERMOEDE", date(2027, 3, 16))
    people.meetings.add("OMU", date(2027, 3, 23))
    people.items.add("Status på strategiprocessen", owner="mette")
    people.moves.advance(["1"])
    view = people.meetings.book("1", LEDER, orientation=True)
    assert view.orientation and view.state == "kvalificering"
    assert view.deadline == date(2027, 3, 11)
    return people


def _late(app: App, now: str) -> list[str]:
    at = app_at(app, now)
    with at.db.transaction() as s:
        return [c.due.rule for c in scan.due_now(s, at.ctx)
                if c.due.kind in ("overdue", "escalate")]


def test_an_orientation_changes_no_state_and_lets_no_decision_through(oriented: App) -> None:
    after = app_at(oriented, "2027-03-17T10:00")
    assert after.items.show("1").state == "kvalificering"
    after.moves.advance(["1"])  # kvalificering → godkendelse i OMU: not held-meeting-guarded
    # The OMU state needs a held OMU meeting: an orientation on one does not count.
    after.meetings.book("1", "OMU-2027-03-23", orientation=True)
    held = app_at(oriented, "2027-03-24T10:00")
    show = held.items.show("1")
    advance = next(m for m in show.allowed if m.kind == "advance")
    assert advance.needs  # still missing a booking for the state


def test_a_delivered_orientation_is_never_overdue_and_never_escalated(oriented: App) -> None:
    oriented.deadlines.deliver("1", LEDER)
    for day in ("2027-03-12", "2027-03-15", "2027-03-16", "2027-03-18"):
        assert _late(oriented, f"{day}T10:00") == []
        assert app_at(oriented, f"{day}T10:00").deadlines.due(overdue=True) == []


def test_an_undelivered_orientation_is_late_until_its_meeting_and_then_lapses(
        oriented: App) -> None:
    assert "escalate-3" in _late(oriented, "2027-03-16T10:00")
    assert _late(oriented, "2027-03-17T10:00") == []


def test_an_orientation_stays_open_when_the_item_moves_on(oriented: App) -> None:
    oriented.moves.advance(["1"])
    [d] = oriented.deadlines.due()
    assert d.kind == "orientering" and d.meeting == LEDER


def _ics(cli: Cli, folder: Path) -> str:
    path = folder / "aarshjul.ics"
    assert cli("calendar", "export", str(path)).exit_code == 0
    return path.read_text(encoding="utf-8").replace("\r\n ", "")


def test_orientations_are_shown_as_such(oriented: App, cli: Cli, tmp_path: Path) -> None:
    shown = cli("item", "show", "1")
    assert shown.exit_code == 0 and "Ledermøde 16.03.2027  (til orientering)" in shown.output
    listed = cli("meeting", "list")
    line = next(x for x in listed.output.splitlines() if x.startswith(LEDER))
    assert line.split()[3:5] == ["0", "1"]  # no time; no items treated, one orientation
    deadlines = cli("deadlines")
    assert "Ledermøde 16.03.2027 (materiale til orientering)" in deadlines.output
    assert "Materiale til orientering: 1 Status" in _ics(cli, tmp_path)
    booked = cli("book", "1", "--meeting", "OMU-2027-03-23", "--orientation")
    assert booked.exit_code == 0 and "til orientering" in booked.output
    assert "aarshjul deliver 1 --meeting OMU-2027-03-23" in booked.output


def test_an_orientation_for_a_named_state_is_refused(oriented: App, cli: Cli) -> None:
    refused = cli("book", "1", "--meeting", "OMU-2027-03-23", "--orientation", "--state", "x")
    assert refused.exit_code == 2 and "fjern --state" in refused.output
    assert len(oriented.meetings.bookings("1")) == 1


# -- events -------------------------------------------------------------------------------------


@pytest.fixture
def theme(app: App, cli: Cli) -> App:
    added = cli("body", "add", "TEMA", "--name", "Temamøder i KB", "--no-deadline")
    assert added.exit_code == 0, added.output
    meeting = cli("meeting", "add", "TEMA", "2027-04-20", "--title",
                  "Temamøde: det lange perspektiv")
    assert meeting.exit_code == 0, meeting.output
    return app


def test_a_theme_meeting_has_a_title_and_no_sagsfrist(theme: App, cli: Cli,
                                                      tmp_path: Path) -> None:
    [m] = theme.meetings.query(body="TEMA")
    assert m.deadline is None and m.title == "Temamøde: det lange perspektiv"
    listed = cli("meeting", "list")
    assert "Temamøde: det lange perspektiv" in listed.output
    line = next(x for x in listed.output.splitlines() if x.startswith("TEMA-2027-04-20"))
    assert line.split()[2] == "ingen"
    assert "Temamøde: det lange perspektiv" in _ics(cli, tmp_path)
    bodies = cli("body", "list", lang="en")
    assert next(x for x in bodies.output.splitlines() if x.startswith("TEMA")).split()[-1] == "none"


def test_booking_on_an_event_is_refused_and_writes_nothing(theme: App, cli: Cli) -> None:
    theme.items.add("Strategi")
    for extra in ((), ("--orientation",)):
        refused = cli("book", "1", "--meeting", "TEMA-2027-04-20", *extra)
        assert refused.exit_code == 2, refused.output
        assert "har ingen sagsfrist" in refused.output and "body edit TEMA" in refused.output
    assert theme.meetings.bookings("1") == []
    english = cli("book", "1", "--meeting", "TEMA-2027-04-20", "--orientation", lang="en")
    assert "has no sagsfrist" in english.output


def test_events_produce_no_deadlines_and_no_reminders(theme: App) -> None:
    for day in ("2027-04-01", "2027-04-20", "2027-04-21"):
        at = app_at(theme, f"{day}T10:00")
        assert at.deadlines.due() == []
        with at.db.transaction() as s:
            assert scan.due_now(s, at.ctx) == []


def test_a_body_needs_a_sagsfrist_or_no_deadline_not_both(app: App, cli: Cli) -> None:
    for extra in ((), ("--deadline-days", "3", "--no-deadline")):
        refused = cli("body", "add", "X", "--name", "X", *extra)
        assert refused.exit_code == 2 and "--no-deadline" in refused.output
    assert "X" not in [b.key for b in app.meetings.bodies()]


def test_the_wheel_names_a_theme_meeting(theme: App) -> None:
    from aarshjul.reports.wheel import render_wheel
    from aarshjul.reports.wheel_data import wheel_data

    svg = render_wheel(wheel_data(theme.db, theme.ctx))
    assert "Temamøde: det lange perspektiv" in svg
    assert "TEMA tirsdag den 20. april 2027: Temamøde: det lange perspektiv" in svg


# -- closed days --------------------------------------------------------------------------------


def _config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "aarshjul.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_one_off_closed_day_counts_in_every_sagsfrist(app: App, cli: Cli,
                                                        tmp_path: Path) -> None:
    cli.config = _config(tmp_path, '[calendar]\nclosed_days = ["2027-03-12"]\n')
    refused = cli("meeting", "add", "BUU", "2027-03-12")
    assert refused.exit_code == 2 and "Lukkedag" in refused.output
    added = cli("meeting", "add", "LEDERMOEDE", "2027-03-16", "--json")
    assert added.exit_code == 0
    # 3 working days before Tuesday 16 March, Friday 12 March closed: Wednesday 10 March.
    assert '"deadline": "2027-03-10"' in added.output


def test_a_closed_day_must_be_a_whole_date(tmp_path: Path) -> None:
    for bad in ('"12-24"', '"2027-02-30"', "20271224"):
        with pytest.raises(EnvironmentProblem) as caught:
            load(_config(tmp_path, f"[calendar]\nclosed_days = [{bad}]\n"))
        assert "calendar.closed_days" in str(caught.value.params)


def test_meeting_import_refuses_a_closed_day_unless_forced(app: App, cli: Cli,
                                                           tmp_path: Path) -> None:
    cli.config = _config(tmp_path, '[calendar]\nclosed_days = ["2027-03-12"]\n')
    rows = tmp_path / "moeder.csv"
    rows.write_text("body,date\nBUU,2027-03-11\nBUU,2027-03-12\nOMU,2027-03-13\n",
                    encoding="utf-8")
    refused = cli("meeting", "import", str(rows))
    assert refused.exit_code == 2
    assert "Lukkedag" in refused.output and "lørdag" in refused.output
    assert app.meetings.query() == []
    forced = cli("meeting", "import", str(rows), "--force")
    assert forced.exit_code == 0, forced.output
    assert len(app.meetings.query()) == 3


def test_the_status_report_names_the_coming_theme_meetings(theme: App, cli: Cli,
                                                          tmp_path: Path) -> None:
    shown = cli("report", "status", now="2027-04-10T09:00")
    assert shown.exit_code == 0, shown.output
    assert ("- **Arrangementer:** tirsdag den 20. april 2027 Temamøder i KB: Temamøde: det lange "
            "perspektiv\n- **Afgrænsning:**") in shown.output
    page = tmp_path / "status.html"
    assert cli("report", "status", "--format", "html", "-o", str(page),
               now="2027-04-10T09:00").exit_code == 0
    assert "Temamøde: det lange perspektiv" in page.read_text(encoding="utf-8")
    later = cli("report", "status", now="2027-04-21T09:00")
    assert "Temamøde" not in later.output


def test_the_wheel_marks_an_orientation(oriented: App) -> None:
    from aarshjul.reports.wheel import render_wheel
    from aarshjul.reports.wheel_data import wheel_data

    svg = render_wheel(wheel_data(oriented.db, oriented.ctx))
    assert ("Ledermøde tirsdag den 16. marts 2027; sagsfrist torsdag den 11. marts 2027 "
            "(til orientering)") in svg  # the body's label, not its key (issue 17)
    oriented.meetings.book("1", "OMU-2027-03-23")
    svg = render_wheel(wheel_data(oriented.db, oriented.ctx))
    assert "OMU tirsdag den 23. marts 2027; sagsfrist tirsdag den 16. marts 2027</title>" in svg


def test_a_body_loses_its_sagsfrist_only_when_nothing_is_booked_on_it(
        oriented: App, cli: Cli) -> None:
    refused = cli("body", "edit", "LEDERMOEDE", "--no-deadline")
    assert refused.exit_code == 2 and f"booket på {LEDER}" in refused.output
    assert next(b for b in oriented.meetings.bodies() if b.key == "LEDERMOEDE").deadline_days == 3
    done = cli("body", "edit", "OMU", "--no-deadline")
    assert done.exit_code == 0, done.output
    assert next(m for m in oriented.meetings.query(body="OMU")).deadline is None


def test_the_report_and_the_history_say_a_booking_is_an_orientation(oriented: App,
                                                                    cli: Cli) -> None:
    report = cli("report", "status", now="2027-03-02T10:00")
    assert "Ledermøde 16.03.2027 til orientering, sagsfrist for materialet 11.03.2027" \
        in report.output
    assert "Materiale til orientering på Ledermøde 16.03.2027" in report.output
    history = cli("history", "1")
    assert "Ledermøde 16.03.2027 (til orientering)" in history.output
