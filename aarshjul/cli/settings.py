"""What every command shares: the global options, resolved lazily into an
:class:`~aarshjul.app.App` (:class:`Settings`); how a command is handed them; ``--json``;
and how a result is printed.

Nothing heavy is imported here, so the command modules that import this keep
``aarshjul --help`` free of SQLAlchemy, transitions and Jinja2.
"""

from __future__ import annotations

import functools
import getpass
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from aarshjul.app import App

F = TypeVar("F", bound=Callable[..., Any])

#: A year option's values: the years of ``aarshjul.dates.timeutil.FIRST_DAY``..``LAST_DAY``
#: (written out so that ``--help`` need not load the time zones; a test keeps them equal).
YEARS = click.IntRange(1900, 2099)


def wall_clock() -> datetime:
    """The real time. The command line is the one place that reads the clock: everything below
    it is handed ``now`` (``--now`` replaces it for previews and tests)."""
    return datetime.now(UTC)


#: When this process was launched (set by ``main``, the console script); None when the command
#: line runs inside another program (tests), where each command's start counts instead.
LAUNCHED: datetime | None = None


def process_launched() -> datetime | None:
    """When the OS started this process (Linux ``/proc``), rounded up to the next clock tick;
    None where that cannot be read. A command that was slow to start (the machine busy) still
    counts from the moment it was launched: what the duplicate-move guard needs."""
    import os
    import time

    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rpartition(")")[2].split()
        ticks = os.sysconf("SC_CLK_TCK")
        since_boot = (int(fields[19]) + 1) / ticks
        uptime = time.clock_gettime(time.CLOCK_BOOTTIME)
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    from datetime import timedelta

    return wall_clock() - timedelta(seconds=max(uptime - since_boot, 0.0))


def os_login() -> str:
    """Who runs the command: the OS login (the actor unless ``--as`` names another)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "ukendt"


class Settings:
    """The global options, resolved lazily into an :class:`App`."""

    def __init__(self, db: str | None, config: str | None, actor: str | None, now: str | None,
                 lang: str | None, as_json: bool, *, backdate: str | None = None,
                 org: str | None = None) -> None:
        self.db_option, self.config_path, self.actor_option = db, config, actor
        self.backdate = backdate
        #: The organisation's key (``--org`` / ``AARSHJUL_ORG``); None: the only one.
        self.org = org
        self.now_option, self.lang_option, self.json = now, lang, as_json
        self._app: App | None = None
        #: When the command was launched, by the real clock even under --now (services/moves.py).
        self.started = LAUNCHED or wall_clock()

    @functools.cached_property
    def config(self) -> Any:
        from aarshjul.config import load

        return load(self.config_path, self.org)

    @property
    def lang(self) -> str:
        try:
            configured = self.config.lang
        except Exception:
            configured = None
        return self.lang_option or configured or "da"

    def context(self) -> Any:
        from aarshjul.context import Context
        from aarshjul.dates.timeutil import parse_datetime

        now = parse_datetime(self.now_option) if self.now_option else wall_clock()
        login = os_login()
        actor = login
        if self.actor_option is not None:
            actor = self.actor_option.strip()
            if not actor:
                from aarshjul.errors import InvalidInput

                raise InvalidInput("input.blank_actor", value=self.actor_option)
        # ``--as`` someone else: the login at the keyboard is kept, checked (only the
        # secretariat may act for others) and audited as "login for actor".
        return Context(actor=actor, now=now, lang=self.lang, config=self.config,
                       login=login if actor != login else None, started=self.started,
                       clock=wall_clock, backdate=self.backdate)

    def db_url(self) -> str:
        from aarshjul.store.db import default_db_path

        return self.db_option or self.config.db or default_db_path()

    def app(self, *, check: bool = True, installation: bool = False) -> App:
        """``installation``: for the commands over every organisation (``org``), which need
        none chosen; whether ``--as`` is allowed is a question for one organisation."""
        if self._app is None:
            from aarshjul.app import App

            app = self._app = App(self.db_url(), self.context(), check=check,
                                  org=self.org)
            if (check and not installation and app.ctx.login is not None
                    and not app.people.check_acting_for()):
                # No secretariat named yet (a database from before roles): --as as before.
                from dataclasses import replace

                self._app = app.at(replace(app.ctx, login=None))
        return self._app

    def close(self) -> None:
        """Return the database connections: a command leaves nothing open behind it."""
        if self._app is not None:
            self._app.db.dispose()
            self._app = None

    def t(self, key: str, **params: Any) -> str:
        from aarshjul.messages import translate

        return translate(key, self.lang, **params)


pass_settings = click.make_pass_decorator(Settings)
"""Hands a command the :class:`Settings` that the root group put on its context."""


def json_option(f: F) -> F:
    """``--json`` after the command as well as before it."""

    def callback(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        settings = ctx.find_object(Settings)
        if value and settings is not None:
            settings.json = True

    return click.option("--json", "as_json", is_flag=True, expose_value=False, callback=callback,
                        help="Print JSON instead of text.")(f)


def out(text: str) -> None:
    click.echo(text)


def emit(settings: Settings, value: Any, text: Callable[[], str]) -> None:
    if settings.json:
        from aarshjul.cli.render import dump

        dump(value, lambda piece: click.echo(piece, nl=False))
    else:
        out(text())


def date_option(value: str | None, option: str) -> Any:
    """An optional date option's value, parsed; a malformed date is refused naming the option."""
    from aarshjul.dates.timeutil import parse_date

    return parse_date(value, option) if value else None
