"""Who is acting, and when: handed to every service instead of reading the clock or the OS."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from aarshjul.config import Config
from aarshjul.dates.timeutil import local_date


@dataclass(frozen=True)
class Context:
    actor: str
    now: datetime
    lang: str = "da"
    config: Config = field(default_factory=Config)
    #: Why this command writes with a clock before the audit trail's latest entry (``--backdate``);
    #: without it such a write is refused.
    backdate: str | None = None
    #: Who is at the keyboard when acting for ``actor`` (``--as``); None: the actor itself.
    login: str | None = None
    #: When the command was launched, and the real clock, both even under ``--now``: a move
    #: made after a command was launched is not repeated by it (services/moves.py, the one
    #: rule about real time rather than the process's ``now``). None for library callers.
    started: datetime | None = None
    clock: Callable[[], datetime] | None = None

    @property
    def operator(self) -> str:
        """The person really acting: the login behind ``--as``, else the actor."""
        return self.login or self.actor

    @property
    def today(self) -> date:
        return local_date(self.now)
