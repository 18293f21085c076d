"""``agenda``: writing a meeting's agenda — a point's texts and kind (``edit``), its bilag
(``attach``) and the order of the points (``order``). Reading it is ``meeting show`` and
``meeting agenda``.
"""

from __future__ import annotations

import click

from aarshjul.cli.settings import Settings, emit, json_option, pass_settings
from aarshjul.clickwords import Group


@click.group(cls=Group)
def agenda() -> None:
    """A meeting's agenda (dagsorden): texts, bilag and order of its points."""


@agenda.command("edit")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("ref", metavar="ITEM")
@click.option("--sagsfremstilling", metavar="FILE|TEXT", help="The case's background.")
@click.option("--indstilling", metavar="FILE|TEXT", help="What the administration recommends.")
@click.option("--okonomi", metavar="FILE|TEXT", help="The economic consequences (økonomi).")
@click.option("--kind", metavar="KIND", help="beslutning, orientering or drøftelse.")
@json_option
@pass_settings
def agenda_edit(settings: Settings, meeting_id: str, ref: str, sagsfremstilling: str | None,
                indstilling: str | None, okonomi: str | None, kind: str | None) -> None:
    """Set the texts and the kind of an item's point on a meeting's agenda.

    Each text is the text itself or the path of a UTF-8 text file; an empty text clears it.

    \b
    Example:
        aarshjul agenda edit BUU-2027-09-14 1.2 --indstilling indstilling.txt --kind beslutning
    """
    point = settings.app().agenda_editor.edit(
        meeting_id, ref, kind=kind, texts={"sagsfremstilling": sagsfremstilling,
                                           "indstilling": indstilling, "okonomi": okonomi})
    emit(settings, point, lambda: settings.t("agenda.edited", number=point.number,
                                             meeting=meeting_id.upper()))


@agenda.command("attach")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("ref", metavar="ITEM")
@click.argument("source", metavar="FILE|URL")
@click.option("--title", help="What the bilag is called (default: the file's name).")
@json_option
@pass_settings
def agenda_attach(settings: Settings, meeting_id: str, ref: str, source: str,
                  title: str | None) -> None:
    """Add a bilag (a file or a link) to an item's point on a meeting's agenda.

    A file is copied into [agenda] bilag_dir when the settings name one, else it is kept
    where it is and the agenda refers to it.

    \b
    Example:
        aarshjul agenda attach BUU-2027-09-14 1.2 hoeringssvar.pdf --title "Høringssvar"
    """
    bilag = settings.app().agenda_editor.attach(meeting_id, ref, source, title=title)
    emit(settings, bilag, lambda: settings.t("agenda.attached", title=bilag.title,
                                             location=bilag.location))


@agenda.command("detach")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("ref", metavar="ITEM")
@click.argument("which", metavar="BILAG")
@json_option
@pass_settings
def agenda_detach(settings: Settings, meeting_id: str, ref: str, which: str) -> None:
    """Take a bilag off an item's point: BILAG is its number, as the agenda shows it (2.1).

    \b
    Example:
        aarshjul agenda detach BUU-2027-09-14 1.2 2.1
    """
    bilag = settings.app().agenda_editor.detach(meeting_id, ref, which)
    emit(settings, bilag, lambda: settings.t("agenda.detached", title=bilag.title))


@agenda.command("order")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("refs", metavar="ITEM...", nargs=-1, required=True)
@json_option
@pass_settings
def agenda_order(settings: Settings, meeting_id: str, refs: tuple[str, ...]) -> None:
    """Put the named items first on the agenda, in this order; the others follow.

    \b
    Example:
        aarshjul agenda order BUU-2027-09-14 1.3 1.2
    """
    from aarshjul.cli.meeting_agenda import agenda_text

    view = settings.app().agenda_editor.order(meeting_id, list(refs))
    emit(settings, view, lambda: agenda_text(view, settings.lang))
