"""``aarshjul item``: the strategy items and their tree — add, edit, list, show, tree, and
spawn a handleplan per workplace.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from aarshjul.cli.settings import Settings, date_option, emit, json_option, pass_settings
from aarshjul.clickwords import Group

if TYPE_CHECKING:
    from aarshjul.services.items import ItemView

F = TypeVar("F", bound=Callable[..., Any])


_ITEM_FIELDS = [
    click.option("--description", help="What the item is about."),
    click.option("--succeskriterier", help="When is it reached (handlemål)."),
    click.option("--evaluering", help="How it is measured (handlemål)."),
    click.option("--tids-og-handleplan", "tids_og_handleplan", help="What happens when."),
    click.option("--tovholder", help="Coordinator, as written in the strategy document."),
    click.option("--due", metavar="DATE", help="An explicit due date (gets reminders)."),
    click.option("--case", "case_number", metavar="NR",
                 help='The ESDH case number (sagsnr.), e.g. "27.00.00-A00-1-26".'),
]


def item_fields(f: F) -> F:
    for option in reversed(_ITEM_FIELDS):
        f = option(f)
    return f


@click.group(cls=Group)
def item() -> None:
    """Strategy items: strategi, indsatsområde, delmål, handlemål, aktivitet."""


@item.command("add")
@click.argument("title")
@click.option("--ref", help="Number, e.g. 1.2.3 (default: the next free under --parent).")
@click.option("--parent", metavar="REF", help="The item this one belongs under.")
@click.option("--kind", help="strategi, indsatsområde, delmål, handlemål or aktivitet.")
@click.option("--workflow", help="Workflow name (default: by kind).")
@click.option("--owner", metavar="LOGIN", help="The responsible leader.")
@item_fields
@json_option
@pass_settings
def item_add(settings: Settings, /, title: str, ref: str | None, parent: str | None,
             kind: str | None, workflow: str | None, owner: str | None,
             **fields: str | None) -> None:
    """Register an item; prints its number.

    \b
    Example:
        aarshjul item add "Alle børn skal trives" --parent 1 --owner mette
    """
    due = date_option(fields.pop("due", None), "--due")
    view = settings.app().items.add(title, ref=ref, parent=parent, kind=kind, workflow=workflow,
                                    owner=owner, due=due, texts=fields)
    emit(settings, view, lambda: view.ref)


@item.command("edit")
@click.argument("ref")
@click.option("--title")
@click.option("--kind")
@click.option("--owner", metavar="LOGIN")
@item_fields
@json_option
@pass_settings
def item_edit(settings: Settings, /, ref: str, **changes: str | None) -> None:
    """Change an item's text fields or owner.

    \b
    Example:
        aarshjul item edit 1.2.1 --succeskriterier "Mindst 80 % er enige inden udgangen af 2027"
    """
    due = date_option(changes.pop("due", None), "--due")
    view = settings.app().items.edit(ref, due=due, **changes)
    emit(settings, view, lambda: view.ref)


@item.command("list")
@click.option("--state", help="Only items in this state (key or label).")
@click.option("--owner", metavar="LOGIN")
@click.option("--kind")
@click.option("--workflow")
@click.option("--under", metavar="REF", help="Only this item and those below it.")
@click.option("--paused/--active", "paused", default=None, help="Only paused / only active.")
@click.option("--case", metavar="NR", help="Only items whose ESDH case number contains NR.")
@json_option
@pass_settings
def item_list(settings: Settings, state: str | None, owner: str | None, kind: str | None,
              workflow: str | None, under: str | None, paused: bool | None,
              case: str | None) -> None:
    """List items, in number order.

    \b
    Example:
        aarshjul item list --state buu --owner mette
        aarshjul item list --case 27.00.00-A00-1-26
    """
    from aarshjul.cli.render import dump, write_table

    # Streamed: each item is written (or spooled, for the text table's widths) as it is read.
    app = settings.app()
    views = app.items.stream(state=state, owner=owner, kind=kind, workflow=workflow,
                             under=under, paused=paused, case=case)
    t = settings.t

    def write(piece: str) -> None:
        click.echo(piece, nl=False)

    if settings.json:
        dump(views, write)
    elif app.items.any_case_number():  # the Sagsnr. column only once some item has one
        write_table([t("ui.ref"), t("ui.state"), t("ui.owner"), t("ui.case_number"),
                     t("ui.title")],
                    ((v.ref, _state_text(settings, v), v.owner or "", v.case_number, v.title)
                     for v in views), write)
    else:
        write_table([t("ui.ref"), t("ui.state"), t("ui.owner"), t("ui.title")],
                    ((v.ref, _state_text(settings, v), v.owner or "", v.title) for v in views),
                    write)


def _state_text(settings: Settings, v: ItemView) -> str:
    text = v.state_label + (f" ({settings.t('ui.paused')})" if v.paused else "")
    if v.progress:
        text += f" · {v.progress[0]}/{v.progress[1]}"
    return text


@item.command("spawn")
@click.argument("ref")
@click.option("--for", "logins", multiple=True, metavar="LOGIN",
              help="A workplace leader; repeat for each workplace.")
@click.option("--due", metavar="DATE", help="When the handleplaner are due.")
@click.option("--template", metavar="FILE",
              help="TOML with title, succeskriterier, evaluering, tids_og_handleplan, due, for.")
@click.option("--book-on", "book_on", metavar="ROLE",
              help="Book each handleplan on its workplace's own body, e.g. LMU (LMU-SKOLEA).")
@json_option
@pass_settings
def item_spawn(settings: Settings, ref: str, logins: tuple[str, ...], due: str | None,
               template: str | None, book_on: str | None) -> None:
    """Create a handleplan per workplace under a decided strategy item (udmøntning).

    \b
    Example:
        aarshjul item spawn 1.1.1 --for sara --for ali --due 2027-12-31
        aarshjul item spawn 1.1.1 --template handleplan-skabelon.toml
        aarshjul item spawn 1.1.1 --for sara --for ali --book-on LMU
    """
    from aarshjul.services.items import read_spawn_template

    plan = read_spawn_template(template) if template else None
    if book_on is not None:
        spawned = settings.app().workplaces.spawn(ref, logins, book_on=book_on,
                                                  due=date_option(due, "--due"), template=plan)
        emit(settings, spawned, lambda: "\n".join(
            f"{p.item.ref}  {p.item.title}  → {p.meeting} "
            f"({settings.t('ui.sagsfrist')} {p.deadline})" for p in spawned))
        return
    views = settings.app().items.spawn(ref, logins, due=date_option(due, "--due"), template=plan)
    emit(settings, views, lambda: "\n".join(f"{v.ref}  {v.title}" for v in views))


@item.command("show")
@click.argument("ref")
@json_option
@pass_settings
def item_show(settings: Settings, ref: str) -> None:
    """Show one item: where it stands, what can happen next, and what is missing.

    \b
    Example:
        aarshjul item show 1.2
    """
    from aarshjul.cli.render import bookings_text, fields_of, indicators_text, item_text, labels

    app = settings.app()
    view = app.items.show(ref)
    indicators = app.indicators.query(ref)
    bookings = app.meetings.bookings(ref)
    agendas = app.agenda.of_item(ref)

    def text() -> str:
        names = labels(settings)
        return (item_text(view, settings.lang, names)
                + bookings_text(bookings, agendas, settings.lang, names)
                + indicators_text(indicators, settings.lang))

    emit(settings, {**fields_of(view), "indicators": indicators, "bookings": bookings,
                    "agendas": agendas}, text)


@item.command("tree")
@click.argument("ref", required=False)
@json_option
@pass_settings
def item_tree(settings: Settings, ref: str | None) -> None:
    """Show the item tree with each item's state.

    \b
    Example:
        aarshjul item tree 1
    """
    views = settings.app().items.query(under=ref)
    base = views[0].depth if views else 1

    def text() -> str:
        lines = []
        for v in views:
            indent = "  " * (v.depth - base)
            lines.append(f"{indent}{v.ref}  {v.title}  [{_state_text(settings, v)}]")
        return "\n".join(lines) if lines else settings.t("ui.none")

    emit(settings, views, text)
