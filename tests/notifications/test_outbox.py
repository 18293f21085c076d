"""Reminders end to end: remind day by day, digests, the outbox, real SMTP, crashes, DST."""

from __future__ import annotations

import email.utils
import os
import subprocess
import sys
from datetime import date, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select, update

from aarshjul.app import App
from aarshjul.config import RuleConfig
from aarshjul.dates.timeutil import local_date, parse_datetime
from aarshjul.dates.workdays import WorkingCalendar
from aarshjul.notifications.outbox import Outbox
from aarshjul.notifications.transports import MaildirTransport
from aarshjul.store.models import Item, OutboxMessage
from tests.conftest import Cli, app_at
from tests.notifications.conftest import (
    SmtpServer,
    body_text,
    maildir_config,
    read_maildir,
    smtp_config,
    with_config,
)

MEETING = date(2027, 4, 20)  # BUU, sagsfrist 10 working days before: 6 April 2027
DEADLINE = date(2027, 4, 6)


@pytest.fixture
def booked(people: App) -> App:
    """Item 1 (owner mette, manager dir) booked for BUU on 20 April 2027."""
    app = app_at(people, "2027-03-01T09:00")
    app.items.add("Børne- og ungestrategi", owner="mette")
    app.meetings.add("BUU", MEETING, time="16:00")
    assert app.meetings.book("1", f"BUU-{MEETING}").deadline == DEADLINE
    return app


def _config_file(tmp_path: Path, extra: str = "") -> str:
    path = tmp_path / "aarshjul.toml"
    path.write_text(f'[mail]\ntransport = "maildir"\ndir = "{tmp_path / "mail"}"\n'
                    f'[reminders]\nescalate_after = 3\n{extra}', encoding="utf-8")
    return str(path)


def _mail_days(folder: Path) -> dict[str, list[date]]:
    days: dict[str, list[date]] = {}
    for message in read_maildir(folder):
        sent = email.utils.parsedate_to_datetime(str(message["Date"]))
        days.setdefault(str(message["To"]), []).append(local_date(sent))
    return {to: sorted(d) for to, d in days.items()}


def test_a_month_of_remind_runs_day_by_day(booked: App, db_url: str, tmp_path: Path) -> None:
    # Stalled-item mails are switched off here: the item sits in drøftelse all month.
    cli = Cli(db_url, config=_config_file(tmp_path, "stalled_after = 0\n"))
    day = date(2027, 3, 15)
    while day <= date(2027, 4, 16):
        for hour in ("07:00", "13:00"):  # cron twice a day: the second run sends nothing new
            result = cli("remind", now=f"{day}T{hour}")
            assert result.exit_code == 0, result.output
        day += timedelta(days=1)
    assert cli("deliver", "1", now="2027-04-16T15:00").exit_code == 0
    for later in ("2027-04-19T07:00", "2027-04-20T07:00"):
        assert cli("remind", now=later).exit_code == 0

    cal = WorkingCalendar()
    before = [cal.working_days_before(DEADLINE, n) for n in (10, 3, 1)]
    overdue = [cal.add_working_days(DEADLINE, k) for k in range(1, 9)
               if cal.add_working_days(DEADLINE, k) <= date(2027, 4, 16)]
    days = _mail_days(tmp_path / "mail")
    assert before == [date(2027, 3, 18), date(2027, 4, 1), date(2027, 4, 5)]
    assert days["mette@kommune.example"] == before + overdue
    assert days["dir@kommune.example"] == [d for d in overdue if d >= cal.add_working_days(
        DEADLINE, 3)]


def test_running_remind_twice_at_the_same_moment_sends_nothing_twice(
        booked: App, tmp_path: Path) -> None:
    app = with_config(app_at(booked, "2027-04-01T08:00"), maildir_config(tmp_path / "mail"))
    first = app.outbox.run()
    second = app.outbox.run()
    assert (first.queued, first.sent, first.digests) == (1, 1, 1)
    assert (second.queued, second.sent) == (0, 0)
    assert len(read_maildir(tmp_path / "mail")) == 1


def test_two_processes_at_once_send_each_reminder_once(
        booked: App, db_url: str, tmp_path: Path) -> None:
    for n in range(2, 12):
        booked.items.add(f"Indsats {n}", owner="mette" if n % 2 else "dir")
        booked.meetings.book(str(n), f"BUU-{MEETING}")
    env = {**os.environ, "AARSHJUL_DB": db_url, "AARSHJUL_NOW": "2027-04-01T08:00",
           "AARSHJUL_CONFIG": _config_file(tmp_path)}
    procs = [subprocess.Popen([sys.executable, "-m", "aarshjul", "remind"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    messages = read_maildir(tmp_path / "mail")
    assert sorted(str(m["To"]) for m in messages) == ["dir@kommune.example",
                                                      "mette@kommune.example"]
    with booked.db.transaction() as s:
        statuses = list(s.scalars(select(OutboxMessage.status)))
    assert statuses == ["sent"] * 11


def test_a_digest_groups_every_deadline_of_one_person_in_one_mail(
        booked: App, smtp: SmtpServer) -> None:
    booked.items.add("Trivsel", parent="1", owner="mette")
    booked.meetings.add("OMU", date(2027, 4, 14))
    booked.meetings.book("1.1", "OMU-2027-04-14")
    app = with_config(app_at(booked, "2027-04-07T08:00"), smtp_config(smtp.port))
    result = app.outbox.run()
    assert result.digests == 1 and result.sent == 2
    [message] = smtp.inbox.messages
    text = body_text(message)
    assert "Frist tirsdag den 6. april 2027" in text and "1 arbejdsdag over fristen" in text
    assert "Frist onsdag den 7. april 2027" in text  # OMU sagsfrist: 5 working days before 14 April
    assert text.index("6. april") < text.index("7. april")
    assert message.get_content_type() == "multipart/mixed"
    kinds = [part.get_content_type() for part in message.walk()]
    assert "text/plain" in kinds and "text/html" in kinds and "text/calendar" in kinds
    assert message["Message-ID"] and message["Date"]


def test_the_manager_hears_of_an_item_overdue_for_escalate_after_days(
        booked: App, smtp: SmtpServer) -> None:
    app = with_config(app_at(booked, "2027-04-09T08:00"), smtp_config(smtp.port))
    app.outbox.run()
    to = sorted(env[0] for env in smtp.inbox.envelopes)
    assert to == ["dir@kommune.example", "mette@kommune.example"]
    manager = next(m for m in smtp.inbox.messages if m["To"] == "dir@kommune.example")
    assert "Til orientering som leder for Mette Holm" in body_text(manager)


def test_an_overdue_reminder_names_the_next_meeting_it_can_reach(
        people: App, smtp: SmtpServer) -> None:
    app = app_at(people, "2027-03-01T09:00")
    app.items.add("Børne- og ungestrategi", owner="mette")
    app.moves.advance(["1"])
    app.moves.advance(["1"])  # now in godkendelse-omu
    for day in (date(2027, 4, 14), date(2027, 5, 12)):
        app.meetings.add("OMU", day)
    app.meetings.book("1", "OMU-2027-04-14")  # sagsfrist 7 April
    late = with_config(app_at(app, "2027-04-08T08:00"), smtp_config(smtp.port))
    late.outbox.run()
    text = body_text(smtp.inbox.messages[0])
    assert "Næste møde, punktet kan nå: OMU's møde onsdag den 12. maj 2027" in text


def test_smtp_down_exits_4_marks_nothing_and_the_next_run_delivers(
        booked: App, db_url: str, tmp_path: Path, smtp: SmtpServer) -> None:
    config = tmp_path / "smtp.toml"
    config.write_text(f'[mail]\ntransport = "smtp"\nhost = "127.0.0.1"\nport = {smtp.port}\n'
                      'timeout = 5\n', encoding="utf-8")
    cli = Cli(db_url, config=str(config))
    smtp.stop()
    down = cli("remind", now="2027-04-01T08:00")
    assert down.exit_code == 4 and "outbox retry" in down.stderr
    with booked.db.transaction() as s:
        assert list(s.scalars(select(OutboxMessage.status))) == ["pending"]
    smtp.start()
    assert cli("remind", now="2027-04-01T08:01").exit_code == 0
    assert smtp.inbox.messages == []  # still waiting for the backoff
    up = cli("remind", now="2027-04-01T08:30")
    assert up.exit_code == 0 and len(smtp.inbox.messages) == 1
    with booked.db.transaction() as s:
        assert list(s.scalars(select(OutboxMessage.status))) == ["sent"]


def test_a_refused_recipient_is_failed_and_listed(booked: App, db_url: str,
                                                   smtp: SmtpServer) -> None:
    smtp.inbox.refuse = "550 5.1.1 Mailbox unavailable"
    app = with_config(app_at(booked, "2027-04-01T08:00"), smtp_config(smtp.port))
    result = app.outbox.run()
    assert result.failed == 1 and result.sent == 0
    failed = app.outbox.rows(failed=True)
    assert failed[0].status == "failed" and "550" in failed[0].last_error
    listed = Cli(db_url)("outbox", "list", "--failed")
    assert "550" in listed.output


def test_subjects_are_encoded_and_titles_cannot_add_headers(booked: App, smtp: SmtpServer) -> None:
    with booked.db.transaction() as s:  # as if the title had come from an old import
        s.execute(update(Item).values(title="Trivsel for små & store æøå\nBcc: evil@example.com"))
    app = with_config(app_at(booked, "2027-04-07T08:00"), smtp_config(smtp.port))
    app.outbox.run()
    [message] = smtp.inbox.messages
    assert smtp.inbox.envelopes == [["mette@kommune.example"]]
    assert message["Bcc"] is None
    assert str(message["Subject"]) == "Påmindelse om 1 frist, heraf 1 overskredet"
    html = message.get_body(preferencelist=("html",))
    assert html is not None
    content = str(html.get_content())  # type: ignore[attr-defined]
    assert "små &amp; store æøå" in content


def test_english_for_a_person_who_prefers_it(booked: App, smtp: SmtpServer) -> None:
    booked.people.edit("mette", lang="en")
    app = with_config(app_at(booked, "2027-04-07T08:00"), smtp_config(smtp.port))
    app.outbox.run()
    message = smtp.inbox.messages[0]
    assert str(message["Subject"]) == "Reminder of 1 deadline, 1 overdue"
    assert "working day overdue" in body_text(message)


class _CrashAfterSend:
    """The real mail folder, but the process dies right after the message is written."""

    def __init__(self, inner: MaildirTransport) -> None:
        self.inner = inner

    def send(self, message: EmailMessage) -> None:
        self.inner.send(message)
        raise KeyboardInterrupt

    def delivered(self, message_id: str) -> bool | None:
        return self.inner.delivered(message_id)

    def close(self) -> None:
        pass


def test_a_crash_between_send_and_mark_never_sends_twice(booked: App, tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    app = with_config(app_at(booked, "2027-04-01T08:00"), maildir_config(folder))
    with pytest.raises(KeyboardInterrupt):
        Outbox(app.db, app.ctx, _CrashAfterSend(MaildirTransport(folder))).run()
    later = app_at(app, "2027-04-01T09:00")
    result = Outbox(later.db, later.ctx, MaildirTransport(folder)).run()
    assert result.recovered == 1 and result.sent == 0
    assert len(read_maildir(folder)) == 1
    with booked.db.transaction() as s:
        assert list(s.scalars(select(OutboxMessage.status))) == ["sent"]


def test_with_smtp_a_crash_leaves_the_reminder_unknown_not_resent(
        booked: App, tmp_path: Path, smtp: SmtpServer) -> None:
    folder = tmp_path / "mail"
    app = with_config(app_at(booked, "2027-04-01T08:00"), smtp_config(smtp.port))
    with pytest.raises(KeyboardInterrupt):
        Outbox(app.db, app.ctx, _CrashAfterSend(MaildirTransport(folder))).run()
    later = app_at(app, "2027-04-01T09:00")
    result = later.outbox.run()
    assert result.unknown == 1 and smtp.inbox.messages == []
    assert later.outbox.rows(failed=True)[0].status == "unknown"
    assert later.outbox.retry(unknown=True) == 1
    assert later.outbox.run().sent == 1


def test_dst_week_reminders_follow_copenhagen_days(people: App, tmp_path: Path) -> None:
    """Winter time starts 31 October 2027; 00:30 on Monday 1 November is Sunday 23:30 UTC.

    The OMU sagsfrist for 9 November is Tuesday 2 November, so a one-day-before rule is due on
    Monday: a scan that took the UTC date would think it Sunday and send nothing.
    """
    app = app_at(people, "2027-10-01T09:00")
    app.items.add("Overgange", owner="mette")
    app.meetings.add("OMU", date(2027, 11, 9))
    assert app.meetings.book("1", "OMU-2027-11-09").deadline == date(2027, 11, 2)
    folder = tmp_path / "mail"
    moment = parse_datetime("2027-11-01T00:30")
    assert moment.isoformat() == "2027-10-31T23:30:00+00:00"
    config = maildir_config(folder, default=RuleConfig(before=(1,)))
    assert with_config(app_at(app, "2027-10-31T23:30"), config).outbox.run().sent == 0
    assert with_config(app_at(app, moment), config).outbox.run().sent == 1
    [message] = read_maildir(folder)
    assert "Frist tirsdag den 2. november 2027" in body_text(message)
    assert "1 arbejdsdag tilbage" in body_text(message)


def test_remind_dry_run_writes_nothing(booked: App, db_url: str, tmp_path: Path) -> None:
    cli = Cli(db_url, config=_config_file(tmp_path))
    result = cli("remind", "--dry-run", now="2027-04-01T08:00")
    assert result.exit_code == 0 and "3 arbejdsdage før fristen" in result.output
    with booked.db.transaction() as s:
        assert list(s.scalars(select(OutboxMessage.id))) == []
    assert not (tmp_path / "mail").exists()


def test_a_dry_run_after_a_run_knows_what_is_already_in_the_outbox(booked: App) -> None:
    app = app_at(booked, "2027-04-01T08:00")
    planned, _ = app.outbox.queue(dry_run=True)
    assert planned and all(p.new for p in planned)
    app.outbox.queue()
    again, _ = app.outbox.queue(dry_run=True)
    assert [(p.rule, p.new) for p in again] == [(p.rule, False) for p in planned]


def test_the_attachment_has_the_calendar_feeds_uid(booked: App, smtp: SmtpServer) -> None:
    """Opening the attachment updates the subscribed calendar's event instead of copying it."""
    from icalendar import Calendar

    from aarshjul.reports.ics import deadline_uid

    app = with_config(app_at(booked, "2027-04-01T08:00"), smtp_config(smtp.port))
    app.outbox.run()
    [message] = smtp.inbox.messages
    [attachment] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    calendar = Calendar.from_ical(attachment.get_payload(decode=True))
    [deadline] = app.deadlines.due()
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [deadline_uid(deadline.key)]
