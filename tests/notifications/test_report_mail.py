"""``report send`` (aarshjul/notifications/report_mail.py): the report mailed once per member."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import select

from aarshjul.app import App
from aarshjul.notifications.report_mail import DEADLINE_FIELDS
from aarshjul.store.models import OutboxMessage
from tests.conftest import Cli
from tests.notifications.conftest import maildir_config, read_maildir, with_config

SCRIPT = "<script>alert(1)</script>"


def test_report_send_mails_each_member_once_with_the_report_attached(
        people: App, tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    app = with_config(people, maildir_config(folder))
    app.people.add("jens", name="Jens Kragh", email="jens@kommune.example", lang="en")
    app.items.add(f"Plan {SCRIPT}", owner="mette", due=date(2027, 2, 24))
    app.meetings.add("LEDERMOEDE", date(2027, 3, 2))
    app.meetings.edit_body("LEDERMOEDE", members=("dir", "mette", "jens"))
    # Mette also has a reminder waiting: the report must still be a mail of its own.
    app.outbox.queue()

    result = app.report_mail.send("LEDERMOEDE-2027-03-02")
    assert (result.members, result.queued, result.already) == (3, 3, 0)
    messages = read_maildir(folder)
    reports = [m for m in messages if "tatus" in str(m["Subject"])]
    assert sorted(str(m["To"]) for m in reports) == [
        "dir@kommune.example", "jens@kommune.example", "mette@kommune.example"]
    to_mette = [m for m in messages if str(m["To"]) == "mette@kommune.example"]
    assert len(to_mette) == 2  # her reminder digest, and the report separately
    danish = next(m for m in reports if str(m["To"]) == "mette@kommune.example")
    assert str(danish["Subject"]).startswith(
        "Statusrapport til Ledermøde tirsdag den 2. marts 2027: 1 punkt,")
    files = {p.get_filename(): p for p in danish.iter_attachments()}
    assert set(files) == {"statusrapport-LEDERMOEDE-2027-03-02.html",
                          "statusrapport-LEDERMOEDE-2027-03-02.xlsx"}
    page = files["statusrapport-LEDERMOEDE-2027-03-02.html"].get_content()
    assert "Plan &lt;script&gt;" in page and "<script" not in page
    body = danish.get_body(preferencelist=("html",))
    assert body is not None and "Plan &lt;script&gt;" in body.get_content()
    english = next(m for m in reports if str(m["To"]) == "jens@kommune.example")
    assert str(english["Subject"]).startswith("Status report for Ledermøde Tuesday 2 March 2027")

    again = app.report_mail.send("LEDERMOEDE-2027-03-02")
    assert (again.queued, again.already, again.sent) == (0, 3, 0)
    assert len(read_maildir(folder)) == len(messages)


def test_report_send_needs_members(cli: Cli, people: App) -> None:
    people.meetings.add("LEDERMOEDE", date(2027, 3, 2))
    result = cli("report", "send", "--meeting", "LEDERMOEDE-2027-03-02")
    assert result.exit_code == 2
    assert "body edit LEDERMOEDE --member" in result.output
    assert cli("report", "send", "--meeting", "NOPE-2027-01-01").exit_code == 2


def test_report_send_from_the_command_line(cli: Cli, people: App, tmp_path: Path) -> None:
    config = tmp_path / "aarshjul.toml"
    config.write_text(f'[mail]\ntransport = "maildir"\ndir = "{tmp_path / "mail"}"\n',
                      encoding="utf-8")
    cli.config = str(config)
    people.meetings.add("LEDERMOEDE", date(2027, 3, 2))
    assert cli("body", "edit", "LEDERMOEDE", "--member", "dir").exit_code == 0
    result = cli("report", "send", "--meeting", "LEDERMOEDE-2027-03-02")
    assert result.exit_code == 0, result.output
    assert "1 ny mail i udbakken" in result.output and "1 mail sendt" in result.output
    assert len(read_maildir(tmp_path / "mail")) == 1


def test_the_queued_report_names_each_overdue_deadline_with_what_the_mail_shows(
        people: App, tmp_path: Path) -> None:
    app = with_config(people, maildir_config(tmp_path / "mail"))
    app.items.add("Plan", owner="mette", due=date(2027, 2, 24))
    app.meetings.add("LEDERMOEDE", date(2027, 3, 2))
    app.meetings.edit_body("LEDERMOEDE", members=("dir",))
    app.report_mail.send("LEDERMOEDE-2027-03-02")
    with app.db.transaction() as s:
        [payload] = [json.loads(p) for p in s.scalars(select(OutboxMessage.payload))]
    [overdue] = payload["overdue"]
    assert set(overdue) == set(DEADLINE_FIELDS)
    assert overdue == {"ref": "1", "title": "Plan", "owner_name": "Mette Holm",
                       "due": "2027-02-24", "working_days_left": -3, "meeting": None,
                       "kind": "due"}
