"""The database as a whole: ``init`` creates or upgrades it (and loads the demo); its audit
trail has its own commands (:mod:`aarshjul.cli.audit`).
"""

from __future__ import annotations

import click

from aarshjul.cli.settings import Settings, out, pass_settings
from aarshjul.clickwords import Command


@click.command(cls=Command)
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
    # The demo's history lies in the past, so it is written before the secretariat is named
    # now: the audit trail stays in time order (a later entry never dated before an earlier).
    loaded = None
    if demo:
        from aarshjul.demo import load_demo

        loaded = load_demo(app)
    several = settings.org is None and len(app.organisations.list()) > 1
    if not several and (secretariat is not None or not app.people.secretariat()):
        named = app.people.name_secretariat(secretariat or os_login())
        out(settings.t("init.secretariat", login=named.login))
    if demo:
        out(settings.t("init.demo_loaded", items=settings.t("n.items", count=loaded["items"]),
                       people=settings.t("n.people", count=loaded["people"]),
                       meetings=settings.t("n.meetings", count=loaded["meetings"]))
            if loaded is not None
            else settings.t("init.demo_skipped"))
