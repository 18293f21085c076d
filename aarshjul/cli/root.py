"""The ``aarshjul`` command: the root group with the global options, the one place where
library errors become messages and exit codes (the table in README.md), and ``main``, the console
script.

Library errors (:mod:`aarshjul.errors`) become one or two lines on stderr in the user's
language. The commands live one group per module beside this one; each imports the library
inside its commands, so ``aarshjul --help`` loads neither SQLAlchemy nor transitions nor
Jinja2.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

import click

from aarshjul import clickwords
from aarshjul.cli.settings import Settings

clickwords.install()

#: The whole command surface in one place: each command's module, loaded when the command runs
#: (``aarshjul item show`` imports the item commands, not the other eleven modules); ``--help``
#: and the command reference load them all. tests/cli/test_root.py checks the table is complete.
COMMANDS = {
    "init": "database:init", "audit": "audit:audit",
    "workflow": "workflows:workflow", "person": "people:person", "item": "items:item",
    "advance": "moves:advance", "send-back": "moves:send_back", "pause": "moves:pause",
    "resume": "moves:resume", "withdraw": "moves:withdraw", "history": "moves:history",
    "body": "meetings:body", "meeting": "meetings:meeting", "book": "meetings:book",
    "unbook": "meetings:unbook", "plan": "meetings:plan", "deliver": "meetings:deliver",
    "deadlines": "reports:deadlines", "calendar": "reports:calendar_group",
    "report": "reports:report",
    "indicator": "indicators:indicator", "conversation": "conversations:conversation",
    "export": "files:export_items", "import": "files:import_items",
    "remind": "reminders:remind", "outbox": "reminders:outbox", "scheduler": "reminders:scheduler",
    "serve": "aarshjul.web.commands:serve",
    "hoering": "hoering:hoering",
    "agenda": "agenda:agenda",
    "org": "organisations:org",
}


_UNDECODABLE = "aarshjul.undecodable"


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(text: str) -> str:
    """The text with each byte that is no UTF-8 shown as U+FFFD (�)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class AarshjulGroup(clickwords.Group):
    """The root group: the one place where library errors become messages and exit codes, and
    where each command's module is loaded on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = COMMANDS.get(cmd_name)
        if spec is None:
            return None
        module, _, attribute = spec.partition(":")
        if "." not in module:
            module = f"aarshjul.cli.{module}"
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Python hands a byte that is no UTF-8 (``$'\xff'``) to the program as a lone
        # surrogate, which no database, file or terminal takes: note the first such argument,
        # to be refused (in the user's language) before anything runs.
        ctx.meta[_UNDECODABLE] = next((arg for arg in args if not _is_utf8(arg)), None)
        # The language of help and click's words, before click handles any option: an eager
        # --help may come first and show help before --lang is seen (--lang, eager too, then
        # overrides this when it is given before --help).
        clickwords.set_language(os.environ.get("AARSHJUL_LANG"))
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            bad = ctx.meta.get(_UNDECODABLE) or next(
                (value for value in ctx.params.values()
                 if isinstance(value, str) and not _is_utf8(value)), None)
            if bad is not None:
                from aarshjul.errors import InvalidInput

                raise InvalidInput("input.not_utf8", value=_shown(bad))
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException):
            # a subcommand's --help or usage error: click's own, and no database was touched
            # (the check below would import SQLAlchemy only to learn that)
            raise
        except Exception as exc:
            from aarshjul.errors import AarshjulError

            settings = ctx.find_object(Settings)
            lang = (settings.lang_option if settings else ctx.params.get("lang")) or "da"
            if isinstance(exc, AarshjulError):
                if settings is not None:
                    lang = settings.lang
                click.echo(exc.message(lang), err=True)
                for line in exc.details:
                    click.echo(f"  {line}", err=True)
                ctx.exit(exc.exit_code)
            from sqlalchemy.exc import DatabaseError

            if isinstance(exc, DatabaseError):
                # met outside a transaction (which maps its own): the same mapping
                from aarshjul.store.db import refusal

                error = refusal(exc)
                click.echo(error.message(lang), err=True)
                ctx.exit(error.exit_code)
            raise
        finally:
            settings = ctx.find_object(Settings)
            if settings is not None:
                settings.close()


def _set_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        clickwords.set_language(value)
    return value


@click.group(cls=AarshjulGroup,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", envvar="AARSHJUL_DB", metavar="URL|PATH",
              help="Database: a file path or a SQLAlchemy URL (env AARSHJUL_DB).")
@click.option("--config", "config_path", envvar="AARSHJUL_CONFIG", metavar="FILE",
              help="Settings file (TOML; env AARSHJUL_CONFIG).")
@click.option("--as", "actor", metavar="LOGIN", help="Who is acting (default: your OS login).")
@click.option("--now", envvar="AARSHJUL_NOW", metavar="ISO",
              help="Run as if it were this time, e.g. 2027-03-01T09:00 (env AARSHJUL_NOW).")
@click.option("--lang", type=click.Choice(["da", "en"]), envvar="AARSHJUL_LANG",
              is_eager=True, callback=_set_language,
              help="Language of messages and help (default da; env AARSHJUL_LANG).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--org", envvar="AARSHJUL_ORG", metavar="KEY",
              help="The municipality (organisation) to work in (default: the only one; "
                   "env AARSHJUL_ORG).")
@click.option("--backdate", metavar="REASON",
              help="Why a write is dated before the audit trail's latest entry (logged).")
@click.version_option(package_name="aarshjul", help="Show the version and exit.")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config_path: str | None, actor: str | None,
        now: str | None, lang: str | None, as_json: bool, backdate: str | None,
        org: str | None) -> None:
    """aarshjul: the strategy process, the årshjul and its deadlines, from the command line.

    \b
    Example:
        aarshjul init --demo && aarshjul item tree
    """
    ctx.obj = Settings(db, config_path, actor, now, lang, as_json, backdate=backdate,
                       org=org)


def main() -> None:
    """The console script.

    The cycle collector runs less often than by default (every 10,000 new objects, not 700,
    and rarely over everything): a command is a short process that allocates a lot at once —
    SQLAlchemy's import, thousands of rows — and almost none of it is cyclic garbage, so the
    default spends 12–20 % of a listing or a reminder scan walking live objects. Memory stays
    bounded (measured: the same peak RSS); each tick of ``scheduler run`` is its own process.

    At the end every object still alive is frozen, so that the interpreter's last collection
    at exit does not walk them all once more (0.08 s of a 10,000-item listing): the process is
    ending, and the database, the files and the output streams are closed or flushed anyway.
    """
    import gc

    from aarshjul.cli import settings

    settings.LAUNCHED = settings.process_launched()
    gc.set_threshold(10_000, 50, 1_000)
    try:
        cli(prog_name="aarshjul")
    finally:
        gc.freeze()
