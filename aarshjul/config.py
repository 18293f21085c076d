"""Settings: from a TOML file (``--config`` or ``AARSHJUL_CONFIG``) and the environment.

Nothing secret is read from a file: the SMTP user and password come from environment variables
only (their names are configurable). A file with an unknown key or a wrong type is refused with
:class:`EnvironmentProblem` (exit 4), naming the key, rather than silently ignored.

Example ``aarshjul.toml``::

    db = "sqlite:////srv/aarshjul/aarshjul.db"
    lang = "da"

    [calendar]
    closing_days = ["06-05", "12-24", "12-31"]   # the municipality's own closing days
    closed_days = ["2027-05-07"]                  # one-off closed days (full dates)
    hoering_days = 14                            # default length of a public consultation

    [reminders]
    before = [10, 3, 1]       # working days before a deadline
    escalate_after = 3        # working days overdue before the owner's manager is told too
    stalled_after = 30        # working days in one state without a booking
    secretariat = ["sek"]     # logins that hear about stalled items
    interval_minutes = 15     # how often `scheduler run` scans and delivers
    [reminders.body.KB]       # per body (or [reminders.state.hoering] per state)
    before = [15, 5, 1]

    [mail]
    transport = "smtp"        # or "maildir" (the default: .eml files in a folder)
    host = "smtp.kommune.dk"
    port = 587
    security = "starttls"     # "tls", "starttls" or "none"
    sender = "Årshjulet <aarshjul@kommune.dk>"
    # user and password: environment variables AARSHJUL_SMTP_USER / AARSHJUL_SMTP_PASSWORD

    [agenda]
    bilag_dir = "/srv/aarshjul/bilag"   # bilag are copied here (else kept where they are)
    opening = ["Godkendelse af dagsorden"]   # the fixed points before the cases
    closing = ["Meddelelser", "Eventuelt"]   # and after them
    [agenda.body.LEDERMOEDE]                 # a body's own fixed points
    opening = []
    closing = ["Eventuelt"]

    [installation]                           # who may add and list the municipalities
    administrators = ["drift"]               # (org add / org list): logins at the keyboard

    [organisation.K751.reminders]            # one municipality's own (with --org K751),
    before = [15, 5, 1]                      # over the settings above, key by key
    [organisation.K751.mail]
    sender = "Årshjulet <aarshjul@aarhus.dk>"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aarshjul.errors import EnvironmentProblem

DEFAULT_CLOSING_DAYS = ("06-05", "12-24", "12-31")


@dataclass(frozen=True)
class RuleConfig:
    """When reminders go out for one deadline."""

    before: tuple[int, ...] = (10, 3, 1)
    overdue: bool = True
    escalate_after: int = 3


@dataclass(frozen=True)
class ReminderConfig:
    default: RuleConfig = RuleConfig()
    by_body: tuple[tuple[str, RuleConfig], ...] = ()
    by_state: tuple[tuple[str, RuleConfig], ...] = ()
    stalled_after: int = 30
    secretariat: tuple[str, ...] = ()
    interval_minutes: int = 15
    weekly_day: int = 0  # Monday
    weekly_time: str = "07:00"
    weekly_days_ahead: int = 15

    def rule_for(self, body: str | None, state: str) -> RuleConfig:
        """A state's own rule wins over its body's, which wins over the default."""
        for key, rule in self.by_state:
            if key == state:
                return rule
        for key, rule in self.by_body:
            if key == body:
                return rule
        return self.default

    @property
    def max_before(self) -> int:
        rules = [self.default, *(r for _, r in self.by_body), *(r for _, r in self.by_state)]
        return max((max(r.before, default=0) for r in rules), default=0)


@dataclass(frozen=True)
class MailConfig:
    transport: str = "maildir"
    dir: str | None = None  # maildir folder; default next to the database
    host: str = "localhost"
    port: int = 25
    security: str = "none"
    sender: str = "Årshjulet <aarshjul@localhost>"
    user_env: str = "AARSHJUL_SMTP_USER"
    password_env: str = "AARSHJUL_SMTP_PASSWORD"
    timeout: int = 30
    domain: str = "aarshjul.local"


@dataclass(frozen=True)
class AgendaConfig:
    """The agenda (issue 16): where bilag are copied, and each body's fixed points. ``None``
    means the usual ones (godkendelse af dagsorden; meddelelser, eventuelt) in the reader's
    language."""

    bilag_dir: str | None = None
    opening: tuple[str, ...] | None = None
    closing: tuple[str, ...] | None = None
    by_body: tuple[tuple[str, tuple[str, ...] | None, tuple[str, ...] | None], ...] = ()

    def fixed_points(self, body: str) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
        """(opening, closing) for ``body``: its own, else the general ones."""
        for key, opening, closing in self.by_body:
            if key == body:
                return (self.opening if opening is None else opening,
                        self.closing if closing is None else closing)
        return self.opening, self.closing


@dataclass(frozen=True)
class Config:
    db: str | None = None
    lang: str | None = None
    closing_days: tuple[str, ...] = DEFAULT_CLOSING_DAYS
    closed_days: tuple[str, ...] = ()
    hoering_days: int = 14
    reminders: ReminderConfig = ReminderConfig()
    mail: MailConfig = MailConfig()
    agenda: AgendaConfig = AgendaConfig()
    #: The installation's administrators (``[installation] administrators``): the logins that
    #: may add and list the municipalities (services/organisations.py).
    administrators: tuple[str, ...] = ()
    source: str | None = field(default=None, compare=False)


#: What a municipality's own section (``[organisation.K751]``) may set.
_ORG_KEYS: dict[str, type] = {"lang": str, "calendar": dict, "reminders": dict, "mail": dict,
                              "agenda": dict}


def load(path: str | None, org: str | None = None) -> Config:
    """The settings in ``path``; with ``org`` (``--org``), its ``[organisation.KEY]`` section
    on top, table by table and key by key (issue 19: each municipality's rules and settings)."""
    if path is None:
        return Config()
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EnvironmentProblem("config.invalid", file=path, reason=str(exc)) from None
    reader = _Reader(path)
    top = reader.table(raw, "", {"db": str, **_ORG_KEYS, "organisation": dict,
                                 "installation": dict})
    sections = top.pop("organisation", {})
    installation = reader.table(top.pop("installation", {}), "installation",
                                {"administrators": list})
    for key, section in sections.items():
        own = reader.table(section, f"organisation.{key}", _ORG_KEYS)
        if org is not None and key.casefold() == org.strip().casefold():
            for name, value in own.items():
                top[name] = {**top.get(name, {}), **value} if isinstance(value, dict) else value
    if top.get("lang") not in (None, "da", "en"):
        reader.fail("lang", "must be da or en")
    values: dict[str, Any] = {k: top[k] for k in ("db", "lang") if k in top}
    calendar = reader.table(top.get("calendar", {}), "calendar",
                            {"closing_days": list, "closed_days": list, "hoering_days": int})
    if "closing_days" in calendar:
        from aarshjul.dates.workdays import parse_closing_days

        try:
            parse_closing_days(calendar["closing_days"])
        except ValueError as exc:
            reader.fail("calendar.closing_days", str(exc))
        values["closing_days"] = tuple(calendar["closing_days"])
    if "closed_days" in calendar:
        from aarshjul.dates.workdays import parse_closed_days

        closed: frozenset[Any] = frozenset()
        try:
            closed = parse_closed_days(calendar["closed_days"])
        except ValueError as exc:
            reader.fail("calendar.closed_days", str(exc))
        values["closed_days"] = tuple(sorted(d.isoformat() for d in closed))
    if "hoering_days" in calendar:
        values["hoering_days"] = reader.within("calendar.hoering_days", calendar["hoering_days"],
                                               0, 365)
    values["reminders"] = _reminders(reader, top.get("reminders", {}))
    values["mail"] = _mail(reader, top.get("mail", {}))
    values["agenda"] = _agenda(reader, top.get("agenda", {}))
    administrators = installation.get("administrators", [])
    if not all(isinstance(x, str) and x.strip() for x in administrators):
        reader.fail("installation.administrators", "must be a list of logins")
    values["administrators"] = tuple(x.strip() for x in administrators)
    return Config(source=path, **values)


_RULE_KEYS = {"before": list, "overdue": bool, "escalate_after": int}


def _rule(reader: _Reader, raw: dict[str, Any], where: str, base: RuleConfig) -> RuleConfig:
    data = reader.table(raw, where, _RULE_KEYS)
    before = base.before
    if "before" in data:
        if not all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= 100
                   for n in data["before"]):
            reader.fail(f"{where}.before", "must be a list of whole numbers of working days")
        before = tuple(sorted(set(data["before"]), reverse=True))
    return RuleConfig(
        before=before, overdue=data.get("overdue", base.overdue),
        escalate_after=reader.within(f"{where}.escalate_after",
                                     data.get("escalate_after", base.escalate_after), 0, 100))


def _reminders(reader: _Reader, raw: dict[str, Any]) -> ReminderConfig:
    keys = {**_RULE_KEYS, "body": dict, "state": dict, "stalled_after": int, "secretariat": list,
            "interval_minutes": int, "weekly_day": int, "weekly_time": str,
            "weekly_days_ahead": int}
    data = reader.table(raw, "reminders", keys)
    default = _rule(reader, {k: v for k, v in data.items() if k in _RULE_KEYS}, "reminders",
                    RuleConfig())
    by_body = tuple((key.upper(), _rule(reader, value, f"reminders.body.{key}", default))
                    for key, value in data.get("body", {}).items())
    by_state = tuple((key, _rule(reader, value, f"reminders.state.{key}", default))
                     for key, value in data.get("state", {}).items())
    if not all(isinstance(x, str) for x in data.get("secretariat", [])):
        reader.fail("reminders.secretariat", "must be a list of logins")
    base = ReminderConfig()
    return ReminderConfig(
        default=default, by_body=by_body, by_state=by_state,
        stalled_after=reader.within("reminders.stalled_after",
                                    data.get("stalled_after", base.stalled_after), 0, 1_000),
        secretariat=tuple(data.get("secretariat", ())),
        # at least a minute, or the scheduler would scan without pause; at most a week
        interval_minutes=reader.within("reminders.interval_minutes",
                                       data.get("interval_minutes", base.interval_minutes),
                                       1, 7 * 24 * 60),
        weekly_day=reader.within("reminders.weekly_day",
                                 data.get("weekly_day", base.weekly_day), 0, 6,
                                 "(0 = Monday … 6 = Sunday)"),
        weekly_time=reader.clock("reminders.weekly_time",
                                 data.get("weekly_time", base.weekly_time)),
        weekly_days_ahead=reader.within("reminders.weekly_days_ahead",
                                        data.get("weekly_days_ahead", base.weekly_days_ahead),
                                        0, 100))


def _mail(reader: _Reader, raw: dict[str, Any]) -> MailConfig:
    keys = {"transport": str, "dir": str, "host": str, "port": int, "security": str,
            "sender": str, "user_env": str, "password_env": str, "timeout": int,
            "domain": str}
    for secret in ("user", "password"):
        if secret in raw:
            reader.fail(f"mail.{secret}", "secrets never go in a file: set the environment "
                                          f"variable named by mail.{secret}_env instead")
    data = reader.table(raw, "mail", keys)
    if data.get("transport", "maildir") not in ("maildir", "smtp"):
        reader.fail("mail.transport", "must be maildir or smtp")
    if data.get("security", "none") not in ("none", "starttls", "tls"):
        reader.fail("mail.security", "must be none, starttls or tls")
    if "port" in data:
        reader.within("mail.port", data["port"], 1, 65_535)
    if "timeout" in data:
        reader.within("mail.timeout", data["timeout"], 1, 3_600)
    return MailConfig(**data)


def _texts(reader: _Reader, data: dict[str, Any], key: str,
           where: str) -> tuple[str, ...] | None:
    if key not in data:
        return None
    if not all(isinstance(x, str) and x.strip() for x in data[key]):
        reader.fail(f"{where}.{key}", "must be a list of point titles")
    return tuple(" ".join(x.split()) for x in data[key])


def _agenda(reader: _Reader, raw: dict[str, Any]) -> AgendaConfig:
    data = reader.table(raw, "agenda", {"bilag_dir": str, "opening": list, "closing": list,
                                        "body": dict})
    by_body = []
    for key, value in data.get("body", {}).items():
        where = f"agenda.body.{key}"
        own = reader.table(value, where, {"opening": list, "closing": list})
        by_body.append((key.upper(), _texts(reader, own, "opening", where),
                        _texts(reader, own, "closing", where)))
    return AgendaConfig(bilag_dir=data.get("bilag_dir"),
                        opening=_texts(reader, data, "opening", "agenda"),
                        closing=_texts(reader, data, "closing", "agenda"),
                        by_body=tuple(by_body))


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, key: str, why: str) -> None:
        raise EnvironmentProblem("config.invalid", file=self.path, reason=f"'{key}' {why}")

    def table(self, raw: object, where: str, keys: dict[str, type]) -> dict[str, Any]:
        if not isinstance(raw, dict):
            self.fail(where, "must be a table")
            return {}
        for key, value in raw.items():
            name = f"{where}.{key}" if where else key
            expected = keys.get(key)
            if expected is None:
                self.fail(name, "is not a known setting")
            elif not isinstance(value, expected) or (isinstance(value, bool)
                                                     and expected is not bool):
                self.fail(name, f"must be a {expected.__name__}")
        return dict(raw)

    def within(self, key: str, value: int, low: int, high: int, note: str = "") -> int:
        """A whole number from ``low`` to ``high``: beyond them the working-day arithmetic
        would count for ever, a time would overflow, the scheduler would spin."""
        if not low <= value <= high:
            self.fail(key, f"must be a whole number from {low} to {high}"
                           + (f" {note}" if note else "") + f", not {value}")
        return value

    def clock(self, key: str, value: str) -> str:
        """A time of day, written ``HH:MM`` whatever way it was given (``7:00``, ``07.00``)."""
        from aarshjul.dates.timeutil import parse_clock

        clock = parse_clock(value)
        if clock is None:
            self.fail(key, f"must be a time of day such as \"07:00\", not \"{value}\"")
            return value
        return clock
