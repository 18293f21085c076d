"""The reminder mail as a secretariat writes it (issue 17, point 6): the subject and greeting,
meetings named in words, the stalled-items mail to the secretariat in its own words, and a
calendar attachment that says its charset and decodes to the calendar export's text."""

from __future__ import annotations

import re
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.conftest import Cli, with_demo
from tests.notifications.conftest import body_text, read_maildir
from tests.snapshots import Snapshots

NOW = "2026-12-03T09:00"


@pytest.fixture
def mails(tmp_path: Path, snapshots: Snapshots) -> tuple[Cli, dict[str, EmailMessage]]:
    config = tmp_path / "aarshjul.toml"
    config.write_text(f'[mail]\ntransport = "maildir"\ndir = "{tmp_path / "mail"}"\n'
                      '[reminders]\nsecretariat = ["sek"]\n', encoding="utf-8")
    cli = with_demo(snapshots, Cli(str(tmp_path / "demo.db"), now=NOW, config=str(config)))
    result = cli("remind")
    assert result.exit_code == 0, result.output
    return cli, {str(m["To"]): m for m in read_maildir(tmp_path / "mail")}


def _events(ics: str) -> dict[str, list[str]]:
    """Each event's UID → its SUMMARY and DESCRIPTION lines (unfolded)."""
    found: dict[str, list[str]] = {}
    for block in ics.replace("\r\n", "\n").replace("\n ", "").split("BEGIN:VEVENT")[1:]:
        lines = block.split("END:VEVENT")[0].splitlines()
        uid = next(line for line in lines if line.startswith("UID:"))
        found[uid] = [line for line in lines if line.startswith(("SUMMARY", "DESCRIPTION"))]
    return found


def test_the_calendar_attachment_has_a_charset_and_reads_as_the_calendar_export(
        mails: tuple[Cli, dict[str, EmailMessage]], tmp_path: Path) -> None:
    cli, by_recipient = mails
    message = by_recipient["mette@kommune.example"]
    [attachment] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert attachment.get_content_charset() == "utf-8"
    text = attachment.get_content()  # type: ignore[attr-defined]
    assert isinstance(text, str) and "Årshjul" in text and "\ufffd" not in text
    export = tmp_path / "aarshjul.ics"
    assert cli("calendar", "export", str(export)).exit_code == 0
    feed = _events(export.read_text(encoding="utf-8"))
    attached = _events(text)
    assert attached and {uid: feed.get(uid) for uid in attached} == attached
    assert any("BUU 07.12.2026" in line for lines in attached.values() for line in lines)


def test_subject_greeting_and_meeting_as_a_secretariat_writes_them(
        mails: tuple[Cli, dict[str, EmailMessage]]) -> None:
    _, by_recipient = mails
    message = by_recipient["mette@kommune.example"]
    assert re.fullmatch(r"Påmindelse om \d+ frister, heraf \d+ overskredne", message["Subject"])
    text = body_text(message)
    assert text.startswith("Kære Mette\n")
    assert "Sagsfrist til BUU's møde mandag den 7. december 2026: 8 arbejdsdage over fristen" \
        in text
    assert "Har ikke flyttet sig i sagsgangen i" in text and "; står i Drøftelse." in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\w\((s|er|r)\)|(?<=\S)  \S", text.split("\n-- ")[0])
    jens = body_text(by_recipient["jens@kommune.example"])
    assert "1 arbejdsdag over fristen" in jens  # one working day, not "1 arbejdsdage"


def test_the_secretariat_hears_of_stalled_items_in_its_own_words(
        mails: tuple[Cli, dict[str, EmailMessage]]) -> None:
    _, by_recipient = mails
    message = by_recipient["sek@kommune.example"]
    assert re.fullmatch(r"Punkter i sagsgangen, der står stille: \d+", message["Subject"])
    text = body_text(message)
    assert text.startswith("Kære Karen\n")
    assert "Det er ikke jeres frister" in text and "Ejer: Mette Holm" in text
    assert "Her er de frister, du er ansvarlig for" not in text
