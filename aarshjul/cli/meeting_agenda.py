"""The agenda side of ``meeting``: ``show`` (the meeting and its agenda), ``agenda`` (the
document), ``publish`` (freeze and mail it) and ``minutes`` (the beslutningsprotokol). Added to
the ``meeting`` group by :mod:`aarshjul.cli.meetings`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from aarshjul.cli.settings import Settings, emit, json_option, out, pass_settings
from aarshjul.clickwords import Group

if TYPE_CHECKING:
    from aarshjul.services.agenda import AgendaView

FORMATS = ["md", "html", "pdf", "docx"]

#: The commands of this module, a holder only: :mod:`aarshjul.cli.meetings` adds each to its
#: ``meeting`` group (this group has no callback and is never run itself).
commands = Group("meeting-agenda")


def agenda_text(view: AgendaView, lang: str) -> str:
    """``meeting show``: the meeting's facts, then each point with its state and what is
    missing."""
    from aarshjul.cli.render import Text, table
    from aarshjul.dates.formats import long_date, short_moment

    t = Text(lang)
    status = t(f"agenda.status.{view.status}")
    if view.version:
        status += f" ({short_moment(view.published_at, lang)}, version {view.version})"
    facts = [(t("agenda.doc.date"), long_date(view.date, lang)),
             (t("agenda.doc.time"), view.time or "-"),
             (t("agenda.doc.place"), view.place or "-"),
             (t("agenda.doc.deadline"), long_date(view.deadline, lang) if view.deadline
              else t("ui.no_sagsfrist")),
             (t("agenda.doc.status"), status)]
    width = max(len(label) for label, _ in facts) + 2
    lines = [view.body_name, ""]
    lines += [f"{(label + ':').ljust(width)}{value}" for label, value in facts]
    if view.changed:
        lines += ["", "! " + t("agenda.changed_since", version=view.version,
                                when=short_moment(view.published_at, lang))]
    if view.removed:
        lines.append("! " + t("agenda.removed_since", titles="; ".join(view.removed)))
    rows = []
    for p in view.points:
        notes = [t(f"agenda.missing.{m}") for m in p.missing]
        if p.changed and view.version:
            notes.append(t("agenda.doc.changed"))
        if p.decision:
            notes.append(t(f"agenda.decision.{p.decision}"))
        rows.append((p.number, p.ref or "", "" if p.fixed else t(f"agenda.kind.{p.kind}"),
                     p.state, "; ".join(notes), p.title))
    lines += ["", table(["#", t("ui.ref"), t("agenda.doc.kind"), t("agenda.doc.state"),
                         t("agenda.doc.notes"), t("ui.title")], rows)]
    return "\n".join(lines)


@commands.command("show")
@click.argument("meeting_id", metavar="ID")
@json_option
@pass_settings
def meeting_show(settings: Settings, meeting_id: str) -> None:
    """A meeting: date, time, place, sagsfrist, status and its agenda with what is missing.

    \b
    Example:
        aarshjul meeting show BUU-2027-09-14
    """
    view = settings.app().agenda.show(meeting_id)
    emit(settings, view, lambda: agenda_text(view, settings.lang))


@commands.command("agenda")
@click.argument("meeting_id", metavar="ID")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True,
              help="Markdown, one self-contained HTML page, PDF or Word (DOCX).")
@click.option("-o", "--output", metavar="FILE",
              help="Where to write it (default: Markdown to the screen, other formats to "
                   "dagsorden-<ID>.<format>).")
@pass_settings
def meeting_agenda(settings: Settings, meeting_id: str, fmt: str, output: str | None) -> None:
    """The agenda document (dagsorden): front page, numbered points, bilagsliste.

    \b
    Example:
        aarshjul meeting agenda BUU-2027-09-14 --format docx -o dagsorden.docx
    """
    written = settings.app().agenda_documents.export(meeting_id, fmt, output)
    out(written.text.rstrip("\n") if written.text is not None else str(written.path))


@commands.command("publish")
@click.argument("meeting_id", metavar="ID")
@pass_settings
def meeting_publish(settings: Settings, meeting_id: str) -> None:
    """Publish the agenda: freeze this version and mail it (PDF) to the body's members, once.

    Publishing again sends nothing new unless the agenda changed since; then the changed
    version is sent once. Members are set with: aarshjul body edit KEY --member LOGIN.

    \b
    Example:
        aarshjul meeting publish BUU-2027-09-14
    """
    result = settings.app().agenda_mail.publish(meeting_id)
    out(settings.t("agenda.published", meeting=result.meeting, version=result.version,
                   new=settings.t("agenda.published_new") if result.new_version else "",
                   queued=settings.t("n.new_mails", count=result.queued), already=result.already,
                   sent=settings.t("n.mails", count=result.sent), waiting=result.waiting))
    if result.no_email:
        out(settings.t("report.no_email", names=", ".join(result.no_email)))


@commands.command("minutes")
@click.argument("meeting_id", metavar="ID")
@click.argument("ref", metavar="[ITEM]", required=False)
@click.option("--decision", metavar="DECISION",
              help="godkendt, ikke-godkendt, taget-til-efterretning, udsat or sendt-tilbage.")
@click.option("--text", help="The decision's wording for the protocol.")
@click.option("--to", "target", metavar="STATE",
              help="Where the item goes (default: the next state, or the only way back).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True,
              help="The protocol's format, when no ITEM is given.")
@click.option("-o", "--output", metavar="FILE", help="Where to write the protocol.")
@json_option
@pass_settings
def meeting_minutes(settings: Settings, meeting_id: str, ref: str | None,
                    decision: str | None, text: str | None, target: str | None, fmt: str,
                    output: str | None) -> None:
    """The beslutningsprotokol: record a point's decision, or write the protocol.

    With ITEM and --decision the decision is recorded and the item moves as advance or
    send-back would move it (orientering and udsat leave it). Without ITEM the protocol is
    written.

    \b
    Example:
        aarshjul meeting minutes BUU-2027-09-14 1.2 --decision godkendt --text "Som indstillet"
        aarshjul meeting minutes BUU-2027-09-14 --format pdf -o protokol.pdf
    """
    if ref is None:
        if decision or text or target:
            raise click.UsageError(settings.t("agenda.minutes_need_item"))
        written = settings.app().agenda_documents.export(meeting_id, fmt, output, minutes=True)
        out(written.text.rstrip("\n") if written.text is not None else str(written.path))
        return
    if decision is None:
        raise click.UsageError(settings.t("agenda.minutes_need_decision"))
    result = settings.app().minutes.record(meeting_id, ref, decision, text=text, to=target)
    moved = settings.t("agenda.moved" if result.to_state != result.from_state
                       else "agenda.stays", state=result.to_label)
    emit(settings, result, lambda: settings.t(
        "agenda.recorded", ref=result.ref, moved=moved,
        decision=settings.t(f"agenda.decision.{result.decision}")))
