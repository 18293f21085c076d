"""The database as a whole: ``init`` creates or upgrades it (and loads the demo), ``audit
verify`` checks the hash chain of its audit trail.
"""

from __future__ import annotations

import sys

import click

from aarshjul.cli.settings import Settings, json_option, out, pass_settings


@click.command()
@click.option("--demo", is_flag=True, help="Load an example strategy into an empty database.")
@click.option("--secretariat", metavar="LOGIN",
              help="The first secretariat person (default: your OS login, if none is named).")
@pass_settings
def init(settings: Settings, demo: bool, secretariat: str | None) -> None:
    """Create the database, or upgrade it to this version; name the secretariat.

    \b
    Example:
        aarshjul --db ./aarshjul.db init --demo
    """
    from aarshjul.cli.settings import os_login

    app = settings.app(check=False)
    out(settings.t("init.done", url=app.init()))
    if secretariat is not None or not app.people.secretariat():
        named = app.people.name_secretariat(secretariat or os_login())
        out(settings.t("init.secretariat", login=named.login))
    if demo:
        from aarshjul.demo import load_demo

        loaded = load_demo(app)
        out(settings.t("init.demo_loaded", **loaded) if loaded is not None
            else settings.t("init.demo_skipped"))


@click.group()
def audit() -> None:
    """The tamper-evident audit trail."""


@audit.command("verify")
@json_option
@pass_settings
def audit_verify(settings: Settings) -> None:
    """Check the whole audit trail's hash chain; exit 1 at the first broken entry.

    \b
    Example:
        aarshjul audit verify
    """
    result = settings.app().audit.verify()
    if settings.json:
        from aarshjul.cli.render import dumps

        out(dumps(result))
    elif result.ok:
        out(settings.t("audit.ok", checked=result.checked))
    if not result.ok:
        if not settings.json:
            click.echo(settings.t("audit.broken", id=result.broken_id, reason=result.reason,
                                  checked=result.checked), err=True)
        sys.exit(1)
