"""``aarshjul hoering``: an item's høringsparter and the høringssvar received from them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from aarshjul.cli.settings import Settings, date_option, emit, json_option, pass_settings
from aarshjul.clickwords import Group

if TYPE_CHECKING:
    from aarshjul.services.hoering import HoeringView


@click.group(cls=Group)
def hoering() -> None:
    """Høring: the parties an item is sent to, and their answers."""


@hoering.command("parts")
@click.argument("ref")
@click.option("--add", "add", metavar="NAME", help="Add a høringspart, e.g. \"Skolebestyrelsen\".")
@click.option("--email", help="The party's email (with --add).")
@click.option("--remove", "remove", metavar="NAME", help="Remove a party that has not answered.")
@json_option
@pass_settings
def hoering_parts(settings: Settings, ref: str, add: str | None, email: str | None,
                  remove: str | None) -> None:
    """List an item's høringsparter, or add or remove one.

    \b
    Example:
        aarshjul hoering parts 1 --add "Skolebestyrelsen, Skole A" --email sb@skolea.dk
        aarshjul hoering parts 1
    """
    if add is not None and remove is not None:
        raise click.UsageError(settings.t("hoering.add_or_remove"))
    if email is not None and add is None:
        raise click.UsageError(settings.t("hoering.email_needs_add"))
    service = settings.app().hoering
    if add is not None:
        view = service.add_party(ref, add, email=email)
    elif remove is not None:
        view = service.remove_party(ref, remove)
    else:
        view = service.show(ref)
    emit(settings, view, lambda: hoering_text(view, settings))


@hoering.command("answer")
@click.argument("ref")
@click.argument("party")
@click.option("--received", required=True, metavar="DATE", help="When the answer came.")
@click.option("--file", "file", metavar="PATH", help="Where the answer is kept (a document).")
@click.option("--link", metavar="URL", help="Where the answer is kept (e.g. in the ESDH system).")
@click.option("--note", help="A short note on the answer.")
@json_option
@pass_settings
def hoering_answer(settings: Settings, ref: str, party: str, received: str, file: str | None,
                   link: str | None, note: str | None) -> None:
    """Register a høringssvar from one of the item's parties.

    \b
    Example:
        aarshjul hoering answer 1 "Skolebestyrelsen, Skole A" --received 2027-10-01 \\
            --link https://esdh.kommune.dk/sag/27.00.00-A00-1-26
    """
    view = settings.app().hoering.answer(ref, party, received=date_option(received, "--received"),
                                         file=file, link=link, note=note)
    emit(settings, view, lambda: hoering_text(view, settings))


@hoering.command("show")
@click.argument("ref")
@json_option
@pass_settings
def hoering_show(settings: Settings, ref: str) -> None:
    """Show an item's høring: the parties, who answered and when.

    \b
    Example:
        aarshjul hoering show 1
    """
    view = settings.app().hoering.show(ref)
    emit(settings, view, lambda: hoering_text(view, settings))


def hoering_text(view: HoeringView, settings: Settings) -> str:
    from aarshjul.cli.render import table
    from aarshjul.dates.formats import long_date, short_date

    t = settings.t
    lines = [f"{view.ref}  {view.title}"]
    if view.consultation_until:
        lines.append(t("hoering.until", date=long_date(view.consultation_until, settings.lang)))
    if not view.parties:
        return "\n".join([*lines, t("hoering.no_parties", ref=view.ref)])
    lines.append(t("hoering.responses", received=view.received, total=len(view.parties)))
    lines.append("")
    lines.append(table(
        [t("hoering.col.party"), t("hoering.col.received"), t("hoering.col.where")],
        [(p.name + (f" <{p.email}>" if p.email else ""),
          short_date(p.received_on, settings.lang) if p.received_on
          else t("hoering.not_answered"),
          " ".join(x for x in (p.link or p.file, p.note) if x)) for p in view.parties]))
    return "\n".join(lines)
