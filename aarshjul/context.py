"""Who is acting, and when: handed to every service instead of reading the clock or the OS."""

from __future__ import annotations

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

    @property
    def today(self) -> date:
        return local_date(self.now)
