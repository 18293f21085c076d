"""The årshjul: ``body`` and ``meeting`` (the bodies, their sagsfrister and meetings), and an
item's way onto them — ``book``, ``unbook``, ``plan`` backwards from a target meeting, and
``deliver`` the case before its sagsfrist.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from aarshjul.cli.settings import Settings, emit, json_option, out, pass_settings
from aarshjul.clickwords import Command, Group


@click.group(cls=Group)
def body() -> None:
    """Bodies (OMU, BUU, ØK, KB, ledermøde, LMU) and their sagsfrister."""


@body.command("add")
@click.argument("key")
@click.option("--name", required=True)
@click.option("--deadline-days", type=int,
              help="Sagsfrist: working days before a meeting the case must be ready.")
@click.option("--no-deadline", is_flag=True,
              help="No sagsfrist: its meetings are events (theme meetings), without bookings.")
@click.option("--member", "members", multiple=True, metavar="LOGIN")
@click.option("--workplace", metavar="KEY", help="The workplace whose own body it is (its LMU).")
@json_option
@pass_settings
def body_add(settings: Settings, key: str, name: str, deadline_days: int | None,
             no_deadline: bool, members: tuple[str, ...], workplace: str | None) -> None:
    """Add a body, with a sagsfrist or (--no-deadline) without one.

    \b
    Example:
        aarshjul body add SU --name "Skoleudvalget" --deadline-days 8
        aarshjul body add LMU-SKOLEA --name "LMU Skole A" --deadline-days 5 --workplace skole-a
        aarshjul body add TEMA --name "Temamøder i KB" --no-deadline
    """
    if (deadline_days is None) == (not no_deadline):
        raise click.UsageError(settings.t("body.days_or_none"))
    view = settings.app().meetings.add_body(key, name=name, deadline_days=deadline_days,
                                            members=members, workplace=workplace)
    emit(settings, view, lambda: view.key)


@body.command("edit")
@click.argument("key")
@click.option("--name")
@click.option("--deadline-days", type=int)
@click.option("--no-deadline", is_flag=True,
              help="Take the sagsfrist away: its meetings become events, without bookings.")
@click.option("--member", "members", multiple=True, metavar="LOGIN",
              help="Replaces the member list.")
@json_option
@pass_settings
def body_edit(settings: Settings, key: str, name: str | None, deadline_days: int | None,
              no_deadline: bool, members: tuple[str, ...]) -> None:
    """Change a body's name, sagsfrist or members; deadlines of bookings follow.

    \b
    Example:
        aarshjul body edit KB --deadline-days 16
    """
    if no_deadline and deadline_days is not None:
        raise click.UsageError(settings.t("body.days_or_none"))
    view = settings.app().meetings.edit_body(key, name=name, deadline_days=deadline_days,
                                             members=members or None, no_deadline=no_deadline)
    emit(settings, view, lambda: view.key)


@body.command("remove")
@click.argument("key")
@pass_settings
def body_remove(settings: Settings, key: str) -> None:
    """Remove a body that no meeting and no workflow refers to.

    \b
    Example:
        aarshjul body remove LMU
    """
    removed = settings.app().meetings.remove_body(key)
    out(settings.t("body.removed", body=removed))


@body.command("list")
@json_option
@pass_settings
def body_list(settings: Settings) -> None:
    """List the bodies and their sagsfrister.

    \b
    Example:
        aarshjul body list
    """
    from aarshjul.cli.render import table
    from aarshjul.dates.formats import plural
    from aarshjul.services.labels import name_and_short

    bodies = settings.app().meetings.bodies()
    t, lang = settings.t, settings.lang
    emit(settings, bodies, lambda: table(
        [t("label.short_name"), t("ui.name"), t("label.sagsfrist")],
        [(short, name + (f" ({b.workplace})" if b.workplace
                         and b.workplace.casefold() not in name.casefold() else ""),
          t("ui.no_sagsfrist") if b.deadline_days is None
          else plural(b.deadline_days, "n.working_days", lang))
         for b in bodies for name, short in [name_and_short(b.key, b.name)]]))


@click.group(cls=Group)
def meeting() -> None:
    """The årshjul: the meetings of the bodies."""


@meeting.command("add")
@click.argument("body_key", metavar="BODY")
@click.argument("day", metavar="DATE")
@click.option("--time", "at", metavar="HH:MM")
@click.option("--place", default="")
@click.option("--title", default="")
@click.option("--force", is_flag=True, help="Add it even on a weekend, holiday or closing day.")
@json_option
@pass_settings
def meeting_add(settings: Settings, body_key: str, day: str, at: str | None, place: str,
                title: str, force: bool) -> None:
    """Add a meeting; prints its id, e.g. BUU-2027-09-14.

    \b
    Example:
        aarshjul meeting add BUU 2027-09-14 --time 16:00 --place "Rådhuset, lokale 2"
    """
    from aarshjul.dates.timeutil import parse_date

    view = settings.app().meetings.add(body_key, parse_date(day), time=at, place=place,
                                       title=title, force=force)
    emit(settings, view, lambda: view.id)


@meeting.command("list")
@click.option("--body", "body_key", metavar="BODY")
@click.option("--from", "start", metavar="DATE")
@click.option("--to", "end", metavar="DATE")
@json_option
@pass_settings
def meeting_list(settings: Settings, body_key: str | None, start: str | None,
                 end: str | None) -> None:
    """List meetings with their sagsfrist, items booked, orientations and title.

    \b
    Example:
        aarshjul meeting list --body BUU --from 2027-01-01
    """
    from aarshjul.cli.render import table
    from aarshjul.dates.timeutil import parse_date

    views = settings.app().meetings.query(
        body=body_key, start=parse_date(start, "--from") if start else None,
        end=parse_date(end, "--to") if end else None)
    from aarshjul.dates.formats import short_date

    t, lang = settings.t, settings.lang
    emit(settings, views, lambda: table(
        [t("label.meeting_id"), t("label.date"), t("label.time"), t("label.sagsfrist"),
         t("label.items"), t("ui.orientations"), t("ui.meeting_title"), t("label.place")],
        [(v.id + (f" ({t('label.cancelled')})" if v.cancelled else ""), short_date(v.date, lang),
          v.time or "", t("ui.no_sagsfrist") if v.deadline is None
          else short_date(v.deadline, lang), v.booked, v.orientations or "", v.title, v.place)
         for v in views]))


@meeting.command("cancel")
@click.argument("meeting_id", metavar="ID")
@json_option
@pass_settings
def meeting_cancel(settings: Settings, meeting_id: str) -> None:
    """Cancel a meeting; items booked on it are flagged.

    \b
    Example:
        aarshjul meeting cancel BUU-2027-09-14
    """
    flagged = settings.app().meetings.cancel(meeting_id)
    emit(settings, flagged, lambda: _flagged_text(settings, meeting_id, flagged))


@meeting.command("move")
@click.argument("meeting_id", metavar="ID")
@click.argument("day", metavar="DATE")
@click.option("--force", is_flag=True, help="Move it even to a weekend, holiday or closing day.")
@json_option
@pass_settings
def meeting_move(settings: Settings, meeting_id: str, day: str, force: bool) -> None:
    """Move a meeting to another date; deadlines are recomputed and items flagged.

    \b
    Example:
        aarshjul meeting move BUU-2027-09-14 2027-09-21
    """
    from aarshjul.dates.timeutil import parse_date

    flagged = settings.app().meetings.move(meeting_id, parse_date(day), force=force)
    emit(settings, flagged, lambda: _flagged_text(settings, meeting_id, flagged))


@meeting.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True,
              help="Import meetings on weekends, holidays or closing days too.")
@json_option
@pass_settings
def meeting_import(settings: Settings, file: str, force: bool) -> None:
    """Add the meetings in a CSV, TOML or ICS file; one bad row rejects the whole file.

    CSV: a header row with body,date,time,place,title (time, place and title may be left out;
    "," or ";" between columns). TOML: [[meetings]] tables with the same keys. ICS: each event
    is a meeting; the body is its category or the first word of its title. Every problem in
    the file is listed at once, and nothing is saved until the whole file is right. A meeting
    on a day that is not a working day is a problem, as with `meeting add`, unless --force.

    \b
    Example:
        aarshjul meeting import aarshjul-2027.csv
    """
    from aarshjul.cli.render import table

    views = settings.app().meetings.import_file(file, force=force)
    emit(settings, views, lambda: settings.t("ui.meetings_imported", count=len(views),
                                             file=file) + "\n\n" + table(
        ["id", "dato", "kl.", "sagsfrist", "sted"],
        [(v.id, v.date, v.time or "",
          settings.t("ui.no_sagsfrist") if v.deadline is None else v.deadline, v.place)
         for v in views]))


def _flagged_text(settings: Settings, meeting_id: str, flagged: list[Any]) -> str:
    lines = [meeting_id.upper()]
    from aarshjul.dates.formats import short_date

    word = settings.t("label.sagsfrist").lower()
    lines += [f"  {b.ref}  {b.title}  ({word} {short_date(b.deadline, settings.lang)})"
              for b in flagged]
    return "\n".join(lines)


@click.command(cls=Command)
@click.argument("ref")
@click.option("--meeting", "meeting_id", required=True, metavar="ID")
@click.option("--state", metavar="STATE", help="Which state the booking is for, if ambiguous.")
@click.option("--orientation", is_flag=True,
              help="For information only: no state change, no decision; a sagsfrist for the "
                   "material, met by `deliver`.")
@click.option("--case", "case_number", default="", metavar="NR",
              help="The ESDH sagsnr. of the case on this agenda, when it is not the item's.")
@json_option
@pass_settings
def book(settings: Settings, ref: str, meeting_id: str, state: str | None,
         orientation: bool, case_number: str) -> None:
    """Book an item on a meeting; its sagsfrist follows from the body (for a chained state
    such as KB after ØK: the previous meeting's decision).

    \b
    Example:
        aarshjul book 1.2 --meeting BUU-2027-09-14
        aarshjul book 1 --meeting LEDERMOEDE-2027-11-26 --orientation
        aarshjul book 1 --meeting BUU-2027-10-05 --case 27.00.00-A00-9-27
    """
    from aarshjul.cli.render import labels

    view = settings.app().meetings.book(ref, meeting_id, state=state, orientation=orientation,
                                        case_number=case_number)

    def text() -> str:
        names = labels(settings)
        where = names.meeting(view.meeting, prose=True, body=view.body, day=view.meeting_date)
        if view.orientation:
            return settings.t("ui.booked_orientation", ref=view.ref, meeting=where,
                              code=view.meeting, deadline=view.deadline)
        return settings.t("label.booked", ref=view.ref, state=names.state(view.state),
                          meeting=where, deadline=view.deadline)

    emit(settings, view, text)


@click.command(cls=Command)
@click.argument("ref")
@click.option("--meeting", "meeting_id", required=True, metavar="ID")
@json_option
@pass_settings
def unbook(settings: Settings, ref: str, meeting_id: str) -> None:
    """Remove an item's booking on a meeting.

    \b
    Example:
        aarshjul unbook 1.2 --meeting BUU-2027-09-14
    """
    from aarshjul.cli.render import labels

    views = settings.app().meetings.unbook(ref, meeting_id)
    emit(settings, views, lambda: "\n".join(f"{v.ref} ✕ {labels(settings).meeting(v.meeting)}"
                                            for v in views))


@click.command(cls=Command)
@click.argument("ref")
@click.option("--target", required=True, metavar="MEETING-ID",
              help="The meeting the item must reach, e.g. KB-2027-11-24.")
@click.option("--state", metavar="STATE", help="Which state the target is for, if ambiguous.")
@click.option("--apply", "apply_plan", is_flag=True,
              help="Book every proposed meeting (all or nothing).")
@json_option
@pass_settings
def plan(settings: Settings, ref: str, target: str, state: str | None, apply_plan: bool) -> None:
    """Plan backwards: which meeting each remaining step needs to reach a target meeting.

    Exits 1 when the target cannot be reached, naming the step that is too late and the
    earliest meeting that can be reached instead.

    \b
    Example:
        aarshjul plan 1.2 --target KB-2027-11-24 --apply
    """
    from aarshjul.cli.render import table

    planner = settings.app().planner
    result = (planner.apply(ref, target, state=state) if apply_plan
              else planner.propose(ref, target, state=state))
    t = settings.t

    def text() -> str:
        from aarshjul.cli.render import labels
        from aarshjul.dates.formats import short_date

        names, lang = labels(settings), settings.lang
        shown = t("ui.none") if not result.steps else table(
            [t("ui.state"), t("ui.body"), t("plan.col_date"),
             t("plan.col_deadline"), t("plan.col_status")],
            [(s.state_label, names.body(s.body), short_date(s.meeting_date, lang),
              short_date(s.deadline, lang),
              t("plan.booked") if s.already_booked else t("plan.new")) for s in result.steps])
        if apply_plan:
            shown += "\n\n" + t("plan.applied", count=len(result.new_steps), ref=result.ref)
        return shown

    emit(settings, result, text)
    if result.problem is not None:
        click.echo(result.problem.message(settings.lang), err=True)
        sys.exit(1)


@click.command(cls=Command)
@click.argument("ref")
@click.option("--meeting", "meeting_id", metavar="ID", help="Which booking (default: the next).")
@pass_settings
def deliver(settings: Settings, ref: str, meeting_id: str | None) -> None:
    """Mark an item's case as delivered for a meeting: its deadline is met.

    \b
    Example:
        aarshjul deliver 1.2 --meeting BUU-2027-09-14
    """
    from aarshjul.cli.render import labels

    codes = settings.app().deadlines.deliver(ref, meeting_id)
    names = labels(settings)
    out(settings.t("ui.delivered", ref=ref,
                   meetings=", ".join(names.meeting(c, prose=True) for c in codes)))


def _add_agenda_commands() -> None:
    """``meeting show/agenda/publish/minutes`` live in :mod:`aarshjul.cli.meeting_agenda`."""
    from aarshjul.cli import meeting_agenda

    for command in meeting_agenda.commands.commands.values():
        meeting.add_command(command)


_add_agenda_commands()
