"""Where mail goes (aarshjul/notifications/transports.py): the maildir's files are private and
cannot be redirected."""

from __future__ import annotations

import os
import stat
from email.message import EmailMessage
from pathlib import Path

from aarshjul.notifications.transports import MaildirTransport


def _message(message_id: str = "<abc.123@aarshjul>") -> EmailMessage:
    message = EmailMessage()
    message["Message-ID"] = message_id
    message["Subject"] = "Frister"
    message["To"] = "mette@kommune.example"
    message.set_content("Kære Mette")
    return message


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_mail_file_and_its_folders_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    MaildirTransport(folder).send(_message())
    delivered = folder / "new" / "abc.123_aarshjul.eml"
    assert b"Subject: Frister" in delivered.read_bytes()
    assert _mode(delivered) == 0o600
    assert {_mode(folder / sub) for sub in ("tmp", "new", "cur")} == {0o700}
    assert list((folder / "tmp").iterdir()) == []


def test_a_link_planted_in_tmp_is_never_followed(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    (folder / "tmp").mkdir(parents=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched", encoding="utf-8")
    (folder / "tmp" / "abc.123_aarshjul.eml").symlink_to(victim)
    MaildirTransport(folder).send(_message())
    assert victim.read_text(encoding="utf-8") == "untouched"
    delivered = folder / "new" / "abc.123_aarshjul.eml"
    assert not delivered.is_symlink() and b"Frister" in delivered.read_bytes()


def test_a_leftover_of_an_interrupted_delivery_is_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    (folder / "tmp").mkdir(parents=True)
    (folder / "tmp" / "abc.123_aarshjul.eml").write_bytes(b"half a mai")
    transport = MaildirTransport(folder)
    transport.send(_message())
    assert transport.delivered("<abc.123@aarshjul>")
    assert b"Frister" in (folder / "new" / "abc.123_aarshjul.eml").read_bytes()
