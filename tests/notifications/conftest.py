"""Fixtures for reminders: a real SMTP server in-process (aiosmtpd), mail folders, configs."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from aarshjul.app import App
from aarshjul.config import Config, MailConfig, ReminderConfig
from aarshjul.context import Context


def free_port() -> int:
    """aiosmtpd's Controller(port=0) does not work: take a free port from the OS first."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Inbox:
    """Everything the SMTP server accepted, as parsed messages with their envelopes."""

    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[list[str]] = field(default_factory=list)
    refuse: str | None = None

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: Any) -> str:
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.envelopes.append(list(envelope.rcpt_tos))
        return "250 Message accepted"


@dataclass
class SmtpServer:
    port: int
    inbox: Inbox
    controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(port=free_port(), inbox=Inbox())
    server.start()
    yield server
    server.stop()


def with_config(app: App, config: Config) -> App:
    return app.at(replace(app.ctx, config=config))


def smtp_config(port: int, **reminders: Any) -> Config:
    return Config(mail=MailConfig(transport="smtp", host="127.0.0.1", port=port, timeout=5),
                  reminders=ReminderConfig(**reminders))


def maildir_config(folder: Path, **reminders: Any) -> Config:
    return Config(mail=MailConfig(transport="maildir", dir=str(folder)),
                  reminders=ReminderConfig(**reminders))


def read_maildir(folder: Path) -> list[EmailMessage]:
    found = []
    for path in sorted((folder / "new").glob("*.eml")) if (folder / "new").exists() else []:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        found.append(message)
    return found


def body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


def ctx_with(app: App, **kw: Any) -> Context:
    return replace(app.ctx, **kw)
