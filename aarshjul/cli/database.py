"""The database as a whole: ``init`` creates or upgrades it (and loads the demo); its audit
trail has its own commands (:mod:`aarshjul.cli.audit`).
"""

from __future__ import annotations

import click

from aarshjul.cli.settings import Settings, out, pass_settings


@click.command()
@click.option("--demo", is_flag=True, help="Load an example strategy into an empty database.")
@pass_settings
def init(settings: Settings, demo: bool) -> None:
    """Create the database, or upgrade it to this version.

    \b
    Example:
        aarshjul --db ./aarshjul.db init --demo
    """
    app = settings.app(check=False)
    out(settings.t("init.done", url=app.init()))
    if demo:
        from aarshjul.demo import load_demo

        loaded = load_demo(app)
        out(settings.t("init.demo_loaded", **loaded) if loaded is not None
            else settings.t("init.demo_skipped"))
