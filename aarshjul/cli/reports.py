"""What is due and what stands, for people to read: ``deadlines``, ``calendar export`` (ICS),
and ``report`` (the årshjul wheel, the status report, and mailing it to a body).
"""

from __future__ import annotations

from datetime import date

import click

from aarshjul.cli.settings import Settings, date_option, emit, json_option, out, pass_settings
from aarshjul.clickwords import Command, Group


@click.group("calendar", cls=Group)
def calendar_group() -> None:
    """The årshjul as a calendar file (ICS) to subscribe to in Outlook and the like."""


@calendar_group.command("export")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--owner", metavar="LOGIN",
              help="Only this person's deadlines, and meetings of bodies they are booked on.")
@click.option("--body", "body_key", metavar="BODY", help="Only this body's meetings and deadlines.")
@json_option
@pass_settings
def calendar_export(settings: Settings, file: str, owner: str | None,
                    body_key: str | None) -> None:
    """Write the meetings and open deadlines as an iCalendar file (.ics).

    Events keep their identity between exports, so a calendar that reads the file again
    updates its events instead of adding copies.

    \b
    Example:
        aarshjul calendar export aarshjul.ics --owner mette
    """
    result = settings.app().calendar.export(file, owner=owner, body=body_key)
    t = settings.t
    emit(settings, result, lambda: t("words.calendar_exported", path=result.path,
                                     meetings=t("n.meetings", count=result.meetings),
                                     deadlines=t("n.deadlines", count=result.deadlines)))


@click.command(cls=Command)
@click.option("--days", type=click.IntRange(max=36_500),
              help="Only deadlines within this many days (default: all).")
@click.option("--owner", metavar="LOGIN")
@click.option("--overdue", is_flag=True, help="Only deadlines that have passed.")
@json_option
@pass_settings
def deadlines(settings: Settings, days: int | None, owner: str | None, overdue: bool) -> None:
    """What is due, soonest first, with working days left.

    \b
    Example:
        aarshjul deadlines --days 30 --owner mette
    """
    from aarshjul.cli.render import dump, labels, write_deadlines

    # Streamed: each deadline is written (or spooled, for the table's widths) as it is read.
    names = None if settings.json else labels(settings)
    found = settings.app().deadlines.stream(days=days, owner=owner, overdue=overdue)

    def write(piece: str) -> None:
        click.echo(piece, nl=False)

    if settings.json:
        dump(found, write)
    else:
        write_deadlines(found, settings.lang, names, write)


@click.group(cls=Group)
def report() -> None:
    """Reports for the ledermøde and the wall: the årshjul wheel and the status of items."""


@report.command("wheel")
@click.option("-o", "--output", required=True, metavar="FILE.svg",
              help="Where to write the picture (SVG, UTF-8); an existing file is replaced.")
@click.option("--from", "start", metavar="DATE",
              help="A day in the first month shown (default: the current month).")
@pass_settings
def report_wheel(settings: Settings, output: str, start: str | None) -> None:
    """Draw the årshjul for twelve months as an SVG: meetings, booked items, today.

    \b
    Example:
        aarshjul report wheel -o aarshjul.svg --from 2027-01-01
    """
    from aarshjul.reports.wheel import write_wheel

    app = settings.app()
    path = write_wheel(app.db, app.ctx, output, start=date_option(start, "--from"))
    out(str(path))


@report.command("status")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "xlsx", "pdf"]), default="md",
              show_default=True, help="Markdown, one self-contained HTML page, XLSX or PDF.")
@click.option("-o", "--output", metavar="FILE",
              help="Where to write it (default: Markdown to the screen, other formats to "
                   "status-<today>.<format>; with --all-orgs a folder, status-<today>).")
@click.option("--since", metavar="DATE", help="Changes since this day (default: 14 days ago).")
@click.option("--for-meeting", "for_meeting", metavar="ID",
              help="For this meeting: changes since the body's previous meeting, deadlines up "
                   "to its next one.")
@click.option("--owner", metavar="LOGIN", help="Only this person's items.")
@click.option("--subtree", metavar="REF", help="Only this item and the items under it.")
@click.option("--lang", "report_lang", type=click.Choice(["da", "en"]),
              help="Language of the report (default: the global --lang).")
@click.option("--all-orgs", "all_orgs", is_flag=True,
              help="The whole installation, for its administrators: every municipality's "
                   "report in one folder, with an overview page (index.html) linking them.")
@pass_settings
def report_status(settings: Settings, fmt: str, output: str | None, since: str | None,
                  for_meeting: str | None, owner: str | None, subtree: str | None,
                  report_lang: str | None, all_orgs: bool) -> None:
    """The status report for a ledermøde: counts, changes, deadlines, items, handlemål, tree.

    \b
    Example:
        aarshjul report status --format html -o report.html --for-meeting LEDERMOEDE-2027-03-02
        aarshjul report status --all-orgs --format html -o status-alle
    """
    if report_lang:
        settings.lang_option = report_lang
    if all_orgs:
        _report_all(settings, fmt, output, date_option(since, "--since"),
                    for_meeting=for_meeting, owner=owner, subtree=subtree)
        return
    written = settings.app().reports.export(
        fmt, output, since=date_option(since, "--since"), for_meeting=for_meeting,
        owner=owner, subtree=subtree)
    out(written.text.rstrip("\n") if written.text is not None else str(written.path))


@report.command("send")
@click.option("--meeting", "meeting_id", required=True, metavar="ID",
              help="The meeting the report is for; its body's members get it.")
@pass_settings
def report_send(settings: Settings, meeting_id: str) -> None:
    """Email the status report for a meeting to its body's members, once per member.

    The mail carries the headline and the overdue deadlines; the full report is attached as
    HTML and XLSX. Members are set with: aarshjul body edit KEY --member LOGIN.

    \b
    Example:
        aarshjul report send --meeting LEDERMOEDE-2027-03-02
    """
    result = settings.app().report_mail.send(meeting_id)
    out(settings.t("report.sent", meeting=result.meeting,
                   queued=settings.t("n.new_mails", count=result.queued), already=result.already,
                   members=settings.t("n.members", count=result.members),
                   sent=settings.t("n.mails", count=result.sent), waiting=result.waiting))
    if result.no_email:
        out(settings.t("report.no_email", names=", ".join(result.no_email)))


def _report_all(settings: Settings, fmt: str, output: str | None, since: date | None,
                **narrowing: str | None) -> None:
    """``report status --all-orgs``: every municipality's report (reports/status_all.py); what
    names a meeting, a person or an item of one municipality is refused with it."""
    from aarshjul.config import load
    from aarshjul.errors import InvalidInput
    from aarshjul.reports.status_all import export_all

    given = [f"--{name.replace('_', '-')}" for name, value in narrowing.items() if value]
    if settings.org is not None:
        given.insert(0, "--org")
    if given:
        raise InvalidInput("report.all_orgs_alone", option=given[0])
    app = settings.app(installation=True)
    overview, count = export_all(app.db, app.ctx, fmt, output, since=since,
                                 config_for=lambda key: load(settings.config_path, key))
    out(settings.t("report.all.done", count=count, file=str(overview)))
