"""``aarshjul conversation``: the yearly strategic conversations between workplaces and their
centre heads — plan, time and place, move, cancel, the strategy plan, and the answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from aarshjul.cli.settings import (
    YEARS,
    Settings,
    date_option,
    emit,
    json_option,
    out,
    pass_settings,
)
from aarshjul.clickwords import Group

if TYPE_CHECKING:
    from aarshjul.services.conversations import ConversationView


@click.group(cls=Group)
def conversation() -> None:
    """The yearly strategic conversations between workplaces and their centre heads."""


@conversation.command("plan")
@click.option("--year", type=YEARS, required=True)
@click.option("--for", "logins", multiple=True, metavar="LOGIN",
              help="Workplace leaders (default: everyone with a manager who owns a handlemål).")
@click.option("--from", "start", metavar="DATE", help="First day (default 1 September).")
@click.option("--to", "end", metavar="DATE", help="Last day (default 31 October).")
@json_option
@pass_settings
def conversation_plan(settings: Settings, year: int, logins: tuple[str, ...], start: str | None,
                      end: str | None) -> None:
    """Schedule this year's conversations; the strategy plan is due 10 working days before.

    \b
    Example:
        aarshjul conversation plan --year 2027
    """
    views = settings.app().conversations.plan(year, logins=logins,
                                              start=date_option(start, "--from"),
                                              end=date_option(end, "--to"))
    emit(settings, views, lambda: _conversations_text(settings, views))


def _conversations_text(settings: Settings, views: list[Any]) -> str:
    from aarshjul.cli.render import table
    from aarshjul.dates.formats import short_date

    t, lang = settings.t, settings.lang
    return table([t("conversation.col.id"), t("conversation.col.date"),
                  t("conversation.col.time"), t("conversation.col.with"),
                  t("conversation.col.plan_due"), t("conversation.col.status"),
                  t("conversation.col.place")],
                 [(v.id, short_date(v.held_on, lang), v.time or "", v.counterpart or "-",
                   short_date(v.plan_due, lang),
                   settings.t("conversation." + v.status), v.place) for v in views])


@conversation.command("list")
@click.option("--year", type=YEARS)
@json_option
@pass_settings
def conversation_list(settings: Settings, year: int | None) -> None:
    """List conversations: held, due and overdue.

    \b
    Example:
        aarshjul conversation list --year 2027
    """
    views = settings.app().conversations.query(year=year)
    emit(settings, views, lambda: _conversations_text(settings, views))


@conversation.command("show")
@click.argument("conversation_id", metavar="ID")
@json_option
@pass_settings
def conversation_show(settings: Settings, conversation_id: str) -> None:
    """Show one conversation: when, where, who, and the answers once it is held.

    \b
    Example:
        aarshjul conversation show SAMTALE-2027-sara
    """
    view = settings.app().conversations.show(conversation_id)
    emit(settings, view, lambda: conversation_text(view, settings))


def conversation_text(v: ConversationView, settings: Settings) -> str:
    from aarshjul.dates.formats import long_date
    from aarshjul.services.conversations import AGENDA, QUESTIONS

    t, lang = settings.t, settings.lang
    questions, points = (QUESTIONS["en"], AGENDA["en"]) if lang == "en" else (
        QUESTIONS["da"], AGENDA["da"])
    when = long_date(v.held_on, lang) + (f" {t('conversation.at')} {v.time}" if v.time else "")
    rows = [(t("conversation.col.date"), when),
            (t("conversation.col.with"), v.counterpart_name or "-"),
            (t("conversation.col.place"), v.place or "-"),
            (t("conversation.participants"), ", ".join(v.participants) or "-"),
            (t("conversation.col.plan_due"), long_date(v.plan_due, lang)),
            (t("conversation.col.status"), t("conversation." + v.status))]
    width = max(len(label) for label, _ in rows) + 2
    lines = [f"{t('ics.conversation')}: {v.leader_name}", ""]
    lines += [f"{(label + ':').ljust(width)}{value}" for label, value in rows]
    for heading, labels, texts in ((t("conversation.answers"), questions, v.answers),
                                   (t("conversation.agenda"), points, v.agenda)):
        if texts:
            lines += ["", heading]
            for label, text in zip(labels, texts, strict=False):
                lines += [f"  {label}", f"    {text or '-'}"]
    return "\n".join(lines)


@conversation.command("edit")
@click.argument("conversation_id", metavar="ID")
@click.option("--time", "at", metavar="HH:MM", help='When it begins ("" removes the time).')
@click.option("--place", help="Where it is held.")
@click.option("--participant", "participants", multiple=True, metavar="NAME",
              help="Who takes part; repeat for each (replaces the list).")
@json_option
@pass_settings
def conversation_edit(settings: Settings, conversation_id: str, at: str | None,
                      place: str | None, participants: tuple[str, ...]) -> None:
    """Give a conversation its time, place and participants.

    \b
    Example:
        aarshjul conversation edit SAMTALE-2027-sara --time 09:00 --place "Skole A, mødelokale 2" \\
            --participant "Sara Nielsen" --participant "Mette Holm" --participant "Ali, TR"
    """
    view = settings.app().conversations.edit(conversation_id, time=at, place=place,
                                             participants=participants or None)
    emit(settings, view, lambda: conversation_text(view, settings))


@conversation.command("move")
@click.argument("conversation_id", metavar="ID")
@click.argument("day", metavar="DATE")
@click.option("--time", "at", metavar="HH:MM", help="The new time (default: as before).")
@json_option
@pass_settings
def conversation_move(settings: Settings, conversation_id: str, day: str,
                      at: str | None) -> None:
    """Move a conversation to another working day; the strategy plan's deadline follows.

    \b
    Example:
        aarshjul conversation move SAMTALE-2027-sara 2027-10-05 --time 13:00
    """
    view = settings.app().conversations.move(conversation_id, date_option(day, "DATE"), time=at)
    emit(settings, view, lambda: conversation_text(view, settings))


@conversation.command("cancel")
@click.argument("conversation_id", metavar="ID")
@click.option("--reason", required=True, help="Why it is called off (kept in the audit log).")
@json_option
@pass_settings
def conversation_cancel(settings: Settings, conversation_id: str, reason: str) -> None:
    """Call a conversation off: its strategy plan is no longer due and no reminders go out.

    \b
    Example:
        aarshjul conversation cancel SAMTALE-2027-sara --reason "Ny skoleleder pr. 1. oktober"
    """
    view = settings.app().conversations.cancel(conversation_id, reason=reason)
    emit(settings, view, lambda: f"{view.id}: {settings.t('conversation.' + view.status)}")


@conversation.command("record")
@click.argument("conversation_id", metavar="ID")
@click.option("--answers", "answers_file", required=True, metavar="FILE",
              help='TOML: answers = ["…", "…", "…", "…"], one per question; optionally '
                   'agenda = ["…", "…", "…"], one per agenda point.')
@pass_settings
def conversation_record(settings: Settings, conversation_id: str, answers_file: str) -> None:
    """Store the answers to the four questions and the agenda points, once it has been held.

    \b
    Example:
        aarshjul conversation record SAMTALE-2027-sara --answers svar.toml
    """
    view = settings.app().conversations.record(conversation_id, answers_file)
    out(f"{view.id}: {settings.t('conversation.' + view.status)}")


@conversation.command("deliver")
@click.argument("conversation_id", metavar="ID")
@pass_settings
def conversation_deliver(settings: Settings, conversation_id: str) -> None:
    """Mark the workplace's strategy plan as sent: its deadline is met.

    \b
    Example:
        aarshjul conversation deliver SAMTALE-2027-sara
    """
    view = settings.app().conversations.deliver_plan(conversation_id)
    out(f"{view.id}: {settings.t('conversation.' + view.status)}")
