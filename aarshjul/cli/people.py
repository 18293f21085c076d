"""``aarshjul person``: the people who own items, their managers, and who acted; ``forget``
pseudonymises one (GDPR).
"""

from __future__ import annotations

import click

from aarshjul.cli.settings import Settings, emit, json_option, out, pass_settings
from aarshjul.clickwords import Group
from aarshjul.web.commands import link


@click.group(cls=Group)
def person() -> None:
    """People: owners, their managers, and who acted."""


@person.command("add")
@click.argument("login")
@click.option("--name", required=True)
@click.option("--email", required=True)
@click.option("--role", help="E.g. centerchef, skoleleder.")
@click.option("--manager", metavar="LOGIN", help="Who gets escalations for this person.")
@click.option("--lang", "person_lang", type=click.Choice(["da", "en"]), default="da",
              help="Language of this person's emails.")
@click.option("--access", metavar="ROLE",
              help="What the person may do: sekretariat, leder (default) or læser.")
@click.option("--workplace", metavar="KEY", help="The school, daycare or centre, e.g. skole-a.")
@json_option
@pass_settings
def person_add(settings: Settings, login: str, name: str, email: str, role: str | None,
               manager: str | None, person_lang: str, access: str | None,
               workplace: str | None) -> None:
    """Register a person.

    \b
    Example:
        aarshjul person add mette --name "Mette Holm" --email mette@kommune.dk --role centerchef
    """
    p = settings.app().people.add(login, name=name, email=email, role=role, manager=manager,
                                  lang=person_lang, workplace=workplace,
                                  access=access)
    emit(settings, p, lambda: p.login)


@person.command("edit")
@click.argument("login")
@click.option("--name")
@click.option("--email")
@click.option("--role")
@click.option("--manager", metavar="LOGIN")
@click.option("--lang", "person_lang", type=click.Choice(["da", "en"]))
@click.option("--workplace", metavar="KEY", help='The workplace ("" removes it).')
@click.option("--access", metavar="ROLE", help="sekretariat, leder or læser (secretariat only).")
@json_option
@pass_settings
def person_edit(settings: Settings, login: str, name: str | None, email: str | None,
                role: str | None, manager: str | None, person_lang: str | None,
                workplace: str | None, access: str | None) -> None:
    """Change a person's details.

    \b
    Example:
        aarshjul person edit mette --manager jens
    """
    p = settings.app().people.edit(login, name=name, email=email, role=role, manager=manager,
                                   lang=person_lang, workplace=workplace,
                                   access=access)
    emit(settings, p, lambda: p.login)


@person.command("list")
@json_option
@pass_settings
def person_list(settings: Settings) -> None:
    """List the people.

    \b
    Example:
        aarshjul person list
    """
    from aarshjul.cli.render import table

    people = settings.app().people.all()
    t = settings.t
    emit(settings, people, lambda: table(
        [t("ui.login"), t("ui.name"), t("ui.email"), t("ui.role"), t("ui.manager"),
         t("ui.access")],
        [(p.login, p.name, p.email or "", p.role or "", p.manager or "",
          t(f"access.{p.access}") if p.access else "") for p in people]))


@person.command("forget")
@click.argument("login")
@pass_settings
def person_forget(settings: Settings, login: str) -> None:
    """Pseudonymise a person (GDPR): their name and address are erased from the outbox and
    the mail folder too; the audit trail stays verifiable. Only the secretariat may do it.

    \b
    Example:
        aarshjul person forget mette
    """
    settings.app().outbox.forget(login)
    out(settings.t("ui.person_forgotten", login=login))


person.add_command(link)  # person link LOGIN: the web view's links (aarshjul.web.commands)
