"""GDPR (issue 20, point 12): after ``person forget`` no mail in the mail folder and no outbox
row holds the person's name or address — neither the person's own reminders nor the manager's
escalation that names them, sent or still waiting.
"""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

from sqlalchemy import select

from aarshjul.app import App
from aarshjul.store.models import OutboxMessage
from tests.conftest import Cli, app_at
from tests.notifications.conftest import body_text, read_maildir

MEETING = date(2027, 4, 20)  # BUU: sagsfrist 6 April
NAME, EMAIL = "Mette Holm", "mette@kommune.example"


def _everything_in(folder: Path) -> list[str]:
    """Every mail file as raw text and decoded (headers and every text part)."""
    import email
    import email.policy

    texts = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        texts.append(raw.decode("utf-8", "replace"))
        message = email.message_from_bytes(raw, policy=email.policy.default)
        texts += [f"{k}: {v}" for k, v in message.items()]
        texts += [str(part.get_content()) for part in message.walk()  # type: ignore[attr-defined]
                  if part.get_content_maintype() == "text" and not part.is_multipart()]
    return texts


def test_forget_erases_name_and_address_from_the_outbox_and_the_mail_folder(
        people: App, db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    config = tmp_path / "aarshjul.toml"
    config.write_text(f'[mail]\ntransport = "maildir"\ndir = "{folder}"\n'
                      "[reminders]\nescalate_after = 1\nstalled_after = 0\n", encoding="utf-8")
    setup = app_at(people, "2027-03-01T09:00")
    setup.items.add("Børne- og ungestrategi", owner="mette")
    setup.meetings.add("BUU", MEETING, time="16:00")
    setup.meetings.book("1", f"BUU-{MEETING}")
    cli = Cli(db_url, config=str(config))
    for day in ("2027-04-01", "2027-04-07", "2027-04-09"):  # before, overdue, escalated
        assert cli("remind", now=f"{day}T08:00").exit_code == 0
    assert cli("remind", "--dry-run", now="2027-04-12T08:00").exit_code == 0
    mails = read_maildir(folder)
    assert any(NAME in body_text(m) and "dir@" in str(m["To"]) for m in mails)  # escalation
    assert any(EMAIL in str(m["To"]) for m in mails)
    # One more reminder queued but not yet sent: the outbox holds the name and address too.
    setup.outbox.queue()
    app_at(people, "2027-04-12T08:00").outbox.queue()
    with people.db.transaction() as s:
        assert any(NAME in p for p in s.scalars(select(OutboxMessage.payload)))

    forgotten = cli("person", "forget", "mette", now="2027-04-12T09:00")
    assert forgotten.exit_code == 0, forgotten.output

    texts = _everything_in(folder)
    assert texts and not [t for t in texts if NAME.lower() in t.lower()
                          or EMAIL.lower() in t.lower()]
    assert len(read_maildir(folder)) == len(mails)  # every mail is still there, and readable
    for path in folder.rglob("*.eml"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with people.db.transaction() as s:
        for row in s.scalars(select(OutboxMessage)):
            for value in (row.payload, row.email or "", row.last_error):
                assert NAME not in value and EMAIL not in value, value
            assert '"owner": "mette"' not in row.payload
    assert "mette" not in [p.login for p in people.people.all()]
    # The audit trail still verifies.
    assert cli("audit", "verify").exit_code == 0
