"""The ``aarshjul`` command: the root group with the global options, the one place where
library errors become messages and exit codes (the table in README.md), and ``main``, the console
script.

Library errors (:mod:`aarshjul.errors`) become one or two lines on stderr in the user's
language. The commands live one group per module beside this one; each imports the library
inside its commands, so ``aarshjul --help`` loads neither SQLAlchemy nor transitions nor
Jinja2.
"""

from __future__ import annotations

from typing import Any

import click

from aarshjul.cli import (
    database,
    files,
    indicators,
    items,
    meetings,
    moves,
    people,
    reminders,
    reports,
    workflows,
)
from aarshjul.cli.settings import Settings
from aarshjul.web import commands as web_commands


class AarshjulGroup(click.Group):
    """The root group: the one place where library errors become messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            from aarshjul.errors import AarshjulError

            settings = ctx.find_object(Settings)
            lang = settings.lang_option if settings and settings.lang_option else "da"
            if isinstance(exc, AarshjulError):
                if settings is not None:
                    lang = settings.lang
                click.echo(exc.message(lang), err=True)
                for line in exc.details:
                    click.echo(f"  {line}", err=True)
                ctx.exit(exc.exit_code)
            from sqlalchemy.exc import OperationalError

            if isinstance(exc, OperationalError):
                from aarshjul.messages import translate

                click.echo(translate("db.unreachable", lang, url="",
                                     reason=str(exc.orig).strip()), err=True)
                ctx.exit(4)
            raise
        finally:
            settings = ctx.find_object(Settings)
            if settings is not None:
                settings.close()


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
              help="Language of messages (default da; env AARSHJUL_LANG).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.version_option(package_name="aarshjul")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config_path: str | None, actor: str | None,
        now: str | None, lang: str | None, as_json: bool) -> None:
    """aarshjul: the strategy process, the årshjul and its deadlines, from the command line.

    \b
    Example:
        aarshjul init --demo && aarshjul item tree
    """
    ctx.obj = Settings(db, config_path, actor, now, lang, as_json)


# The whole command surface in one place; each group lives in its own module. Those modules import
# only click at their top, so registering them all costs no more than the single module did.
for _command in (
    database.init, database.audit,
    workflows.workflow, people.person, items.item,
    moves.advance, moves.send_back, moves.pause, moves.resume, moves.withdraw, moves.history,
    meetings.body, meetings.meeting, meetings.book, meetings.unbook, meetings.plan,
    meetings.deliver,
    reports.deadlines, reports.calendar_group, reports.report,
    indicators.indicator, indicators.conversation,
    files.export_items, files.import_items,
    reminders.remind, reminders.outbox, reminders.scheduler,
    web_commands.serve,
):
    cli.add_command(_command)


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

    gc.set_threshold(10_000, 50, 1_000)
    try:
        cli(prog_name="aarshjul")
    finally:
        gc.freeze()
