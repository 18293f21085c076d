"""``aarshjul org``: the municipalities (organisations) of an installation, for its
administrators (``services/organisations.require_administrator``). Every other command works in
one of them: ``--org KEY`` or ``AARSHJUL_ORG`` (default: the only one)."""

from __future__ import annotations

import click

from aarshjul.cli.settings import Settings, emit, json_option, pass_settings
from aarshjul.clickwords import Group


@click.group(cls=Group)
def org() -> None:
    """Municipalities (organisations): each has its own people, bodies, meetings and items."""


@org.command("add")
@click.argument("key")
@click.option("--name", required=True, help='E.g. "Aarhus Kommune".')
@click.option("--secretariat", metavar="LOGIN",
              help="Its first secretariat person (default: your OS login).")
@json_option
@pass_settings
def org_add(settings: Settings, key: str, name: str, secretariat: str | None) -> None:
    """Add a municipality, with its own OMU, BUU, ØK, KB and the other usual bodies and its
    first secretariat person.

    For the installation's administrators: the logins in the settings file's [installation]
    administrators.

    \b
    Example:
        aarshjul org add K751 --name "Aarhus Kommune" --secretariat sek
    """
    from aarshjul.app import App
    from aarshjul.cli.settings import os_login

    added = settings.app(installation=True).organisations.add(key, name)
    inside = App(settings.db_url(), settings.context(), org=added.key)
    try:
        inside.people.name_secretariat(secretariat or os_login())
    finally:
        inside.db.dispose()  # its connections too: a command leaves nothing open behind it
    emit(settings, added, lambda: settings.t("org.added", org=added.key, name=added.name))


@org.command("list")
@json_option
@pass_settings
def org_list(settings: Settings) -> None:
    """List the municipalities with their number of people and items.

    For the installation's administrators ([installation] administrators in the settings
    file); an installation of one municipality shows it to everyone.

    \b
    Example:
        aarshjul org list
    """
    from aarshjul.cli.render import table

    found = settings.app(installation=True).organisations.list()
    t = settings.t
    emit(settings, found, lambda: table(
        [t("org.col.key"), t("org.col.name"), t("org.col.people"), t("org.col.items")],
        [(o.key, o.name, str(o.people), str(o.items)) for o in found]))
