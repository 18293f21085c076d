"""``meeting publish`` (aarshjul/notifications/agenda_mail.py): the agenda mailed once per member
and version, through the outbox, with the document attached."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from aarshjul.app import App
from tests.conftest import Cli, app_at
from tests.notifications.conftest import (
    SmtpServer,
    body_text,
    read_maildir,
    smtp_config,
    with_config,
)
from tests.services.agenda_setup import MEETING, omu_meeting


def test_publishing_twice_sends_once_and_a_changed_agenda_once_more(
        people: App, smtp: SmtpServer) -> None:
    app = with_config(people, smtp_config(smtp.port))
    app.people.add("jens", name="Jens Kragh", email="jens@kommune.example", lang="en")
    [ref] = omu_meeting(app, ("Trivsel",))
    app.meetings.edit_body("OMU", members=("dir", "jens"))

    first = app.agenda_mail.publish(MEETING)
    assert (first.version, first.new_version, first.queued, first.sent) == (1, True, 2, 2)
    inbox = smtp.inbox.messages
    danish = next(m for m in inbox if str(m["To"]) == "dir@kommune.example")
    assert str(danish["Subject"]) == ("Dagsorden til Område-MED-udvalget (OMU) onsdag den 10. "
                                     "marts 2027")
    assert "2. Trivsel" in body_text(danish)
    [pdf] = list(danish.iter_attachments())
    assert pdf.get_filename() == f"dagsorden-{MEETING}.pdf"
    assert pdf.get_content().startswith(b"%PDF")
    english = next(m for m in inbox if str(m["To"]) == "jens@kommune.example")
    assert str(english["Subject"]) == ("Agenda for Område-MED-udvalget (OMU) Wednesday 10 "
                                       "March 2027")
    assert [a.get_filename() for a in english.iter_attachments()] == [f"agenda-{MEETING}.pdf"]

    again = app.agenda_mail.publish(MEETING)
    assert (again.version, again.new_version, again.queued, again.already) == (1, False, 0, 2)
    assert len(inbox) == 2

    later = app_at(app, "2027-03-02T09:00")
    later.agenda_editor.edit(MEETING, ref, texts={"indstilling": "Godkendes."})
    assert later.agenda.show(MEETING).changed
    changed = later.agenda_mail.publish(MEETING)
    assert (changed.version, changed.new_version, changed.queued) == (2, True, 2)
    assert len(inbox) == 4
    assert str(inbox[-1]["Subject"]).startswith(("Ændret dagsorden (version 2)",
                                                 "Changed agenda (version 2)"))
    assert not later.agenda.show(MEETING).changed
    assert later.agenda_mail.publish(MEETING).queued == 0
    assert len(inbox) == 4
    actions = [e.action for e in later.items.history(ref)]
    assert "agenda-edit" in actions


def test_publish_from_the_command_line(cli: Cli, people: App, tmp_path: Path) -> None:
    config = tmp_path / "aarshjul.toml"
    config.write_text(f'[mail]\ntransport = "maildir"\ndir = "{tmp_path / "mail"}"\n',
                      encoding="utf-8")
    cli.config = str(config)
    omu_meeting(people, ("Trivsel",))
    result = cli("meeting", "publish", MEETING)
    assert result.exit_code == 2
    assert "body edit OMU --member LOGIN" in result.output
    assert cli("body", "edit", "OMU", "--member", "dir").exit_code == 0
    result = cli("meeting", "publish", MEETING)
    assert result.exit_code == 0, result.output
    assert "version 1 (ny)" in result.output and "1 mail sendt" in result.output
    assert cli("meeting", "publish", MEETING).exit_code == 0
    assert len(read_maildir(tmp_path / "mail")) == 1
    shown = cli("meeting", "show", MEETING)
    assert "dagsorden udsendt (01.03.2027 10:00, version 1)" in shown.output
    assert "onsdag den 10. marts 2027" in shown.output



def test_without_weasyprint_nothing_is_frozen_or_queued(
        cli: Cli, people: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    omu_meeting(people, ("Trivsel",))
    people.meetings.edit_body("OMU", members=("dir",))
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    result = cli("meeting", "publish", MEETING)
    assert result.exit_code == 4 and "WeasyPrint" in result.output
    assert people.agenda.show(MEETING).version == 0
    assert people.outbox.rows() == []
