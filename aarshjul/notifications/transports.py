"""Where emails go: a mail folder (the embedded default) or a real SMTP server.

A transport raises :class:`TransportDown` when it cannot be reached at all (nothing is sent; the
sender stops and reports it), :class:`TemporaryFailure` for a failure worth retrying, and
:class:`PermanentFailure` when the server refuses a message for good (e.g. unknown recipient).

The mail folder is a Maildir whose files end in ``.eml`` so that they also open with a
double-click in Outlook; a file's name comes from the Message-ID, which makes the write
idempotent and lets the sender tell after a crash whether a message was written.
"""

from __future__ import annotations

import contextlib
import os
import re
import smtplib
import ssl
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from aarshjul.config import MailConfig
from aarshjul.errors import EnvironmentProblem


class TransportDown(Exception):
    pass


class TemporaryFailure(Exception):
    pass


class PermanentFailure(Exception):
    pass


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...

    def delivered(self, message_id: str) -> bool | None:
        """Whether the message was delivered, or None when the transport cannot tell."""
        ...

    def close(self) -> None: ...


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _file_name(message_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", message_id.strip("<>")) + ".eml"


class MaildirTransport:
    """Mail as ``.eml`` files in a maildir: written in ``tmp/``, renamed into ``new/``.

    The mails name people and their deadlines, so the folders are created 0700 and each file
    0600; the file in ``tmp/`` is created exclusively and never through a symlink (a leftover of
    an interrupted delivery of the same message is removed first), so nothing planted there can
    redirect a mail into another file.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: EmailMessage) -> None:
        name = _file_name(str(message["Message-ID"]))
        try:
            for sub in ("tmp", "new", "cur"):
                (self.folder / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
            tmp = self.folder / "tmp" / name
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()  # a link or a half-written file is removed, never followed
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(message.as_bytes())
            os.replace(tmp, self.folder / "new" / name)
        except OSError as exc:
            raise TransportDown(f"{self.folder}: {exc.strerror or exc}") from None

    def delivered(self, message_id: str) -> bool | None:
        name = _file_name(message_id)
        return any((self.folder / sub / name).exists() for sub in ("new", "cur"))

    def erase(self, found_in: Callable[[str], bool], replace: Callable[[str], str]) -> int:
        """Rewrite every mail in the folder that holds a forgotten person's name or address
        (``person forget``): headers and text parts, decoded, through ``replace``. Each file
        is replaced whole, 0600, never through a link; how many were rewritten."""
        rewritten = 0
        for sub in ("new", "cur", "tmp"):
            folder = self.folder / sub
            for path in sorted(folder.glob("*.eml")) if folder.is_dir() else []:
                try:
                    message = _parse(path.read_bytes())
                    if _erase_in(message, found_in, replace):
                        _replace_file(path, message.as_bytes())
                        rewritten += 1
                except OSError as exc:
                    raise TransportDown(f"{path}: {exc.strerror or exc}") from None
        return rewritten

    def close(self) -> None:
        pass


def _parse(raw: bytes) -> EmailMessage:
    import email
    import email.policy

    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _erase_in(message: EmailMessage, found_in: Callable[[str], bool],
              replace: Callable[[str], str]) -> bool:
    changed = False
    for name, value in list(message.items()):
        if found_in(str(value)):
            message.replace_header(name, replace(str(value)))
            changed = True
    for part in message.walk():
        if part.is_multipart() or part.get_content_maintype() != "text":
            continue
        text = str(part.get_content())
        if found_in(text):
            params = {k: v for k, v in part.get_params(header="content-type") or []
                      if k.lower() not in ("charset", part.get_content_type())}
            part.set_content(replace(text), subtype=part.get_content_subtype(),
                             disposition=part.get_content_disposition(),
                             filename=part.get_filename(), params=params)
            changed = True
    return changed


def _replace_file(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.erase")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


class SmtpTransport:
    """One connection for a whole delivery run; credentials from the environment only."""

    def __init__(self, config: MailConfig) -> None:
        self.config = config
        self._conn: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        if self._conn is not None:
            return self._conn
        cfg = self.config
        try:
            if cfg.security == "tls":
                conn: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout,
                                                      context=ssl.create_default_context())
            else:
                conn = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
                if cfg.security == "starttls":
                    conn.starttls(context=ssl.create_default_context())
            user = os.environ.get(cfg.user_env)
            if user:
                conn.login(user, os.environ.get(cfg.password_env, ""))
        except smtplib.SMTPAuthenticationError as exc:
            raise TransportDown(f"{cfg.host}:{cfg.port}: login refused ({exc.smtp_code})") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise TransportDown(f"{cfg.host}:{cfg.port}: {exc}") from None
        self._conn = conn
        return conn

    def send(self, message: EmailMessage) -> None:
        conn = self._connect()
        try:
            refused = conn.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            if all(code >= 500 for code in codes):
                raise PermanentFailure(_describe(exc.recipients)) from None
            raise TemporaryFailure(_describe(exc.recipients)) from None
        except smtplib.SMTPResponseException as exc:
            if exc.smtp_code >= 500:
                raise PermanentFailure(f"{exc.smtp_code} {exc.smtp_error!r}") from None
            raise TemporaryFailure(f"{exc.smtp_code} {exc.smtp_error!r}") from None
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            self._conn = None
            raise TransportDown(f"{self.config.host}:{self.config.port}: {exc}") from None
        if refused:
            raise PermanentFailure(_describe(refused))

    def delivered(self, message_id: str) -> bool | None:
        return None

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.quit()
            except (OSError, smtplib.SMTPException):
                self._conn.close()
            self._conn = None


def _describe(recipients: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{addr}: {code} {msg.decode(errors='replace')}"
                     for addr, (code, msg) in recipients.items())


def make_transport(config: MailConfig, db_url: str) -> Transport:
    if config.transport == "smtp":
        return SmtpTransport(config)
    return MaildirTransport(mail_folder(config, db_url))


def mail_folder(config: MailConfig, db_url: str) -> Path:
    """The configured folder, or ``mail/`` next to a SQLite database file."""
    if config.dir:
        return Path(config.dir).expanduser()
    if db_url.startswith("sqlite:///") and not db_url.endswith(":memory:"):
        return Path(db_url.removeprefix("sqlite:///")).parent / "mail"
    raise EnvironmentProblem("mail.no_folder")
