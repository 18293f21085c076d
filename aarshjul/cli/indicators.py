"""Following up on the strategy: ``indicator`` (yearly targets and measurements) and
``conversation`` (the yearly strategic conversations and their strategy plans).
"""

from __future__ import annotations

from typing import Any

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


@click.group()
def indicator() -> None:
    """Indicators with yearly targets, and their measurements."""


@indicator.command("add")
@click.argument("ref")
@click.option("--name", required=True)
@click.option("--unit", default="", help="E.g. %, elever, point.")
@click.option("--direction", type=click.Choice(["up", "down"]), default="up", show_default=True)
@click.option("--baseline", required=True, metavar="VALUE@YEAR")
@click.option("--target", "targets", multiple=True, required=True, metavar="VALUE@YEAR")
@click.option("--cadence", type=int, default=12, show_default=True,
              help="Months between measurements; the owner is reminded (0: never).")
@json_option
@pass_settings
def indicator_add(settings: Settings, ref: str, name: str, unit: str, direction: str,
                  baseline: str, targets: tuple[str, ...], cadence: int) -> None:
    """Follow an item with an indicator: a baseline and a target per year.

    \b
    Example:
        aarshjul indicator add 1.1.1 --name Trivsel --unit % --baseline 60@2026 \\
            --target 70@2027 --target 80@2028
    """
    view = settings.app().indicators.add(ref, name=name, unit=unit, direction=direction,
                                         baseline=baseline, targets=targets,
                                         cadence_months=cadence)
    emit(settings, view, lambda: f"{view.ref}  {view.name}")


@indicator.command("measure")
@click.argument("ref")
@click.argument("name")
@click.argument("value")
@click.option("--date", "day", required=True, metavar="DATE")
@json_option
@pass_settings
def indicator_measure(settings: Settings, ref: str, name: str, value: str, day: str) -> None:
    """Record a measurement (a second on the same date replaces it); prints whether the value
    entered is ahead, on track or behind.

    \b
    Example:
        aarshjul indicator measure 1.1.1 Trivsel 72 --date 2027-07-01
    """
    view = settings.app().indicators.measure(ref, name, value, date_option(day, "--date"))
    emit(settings, view, lambda: f"{view.ref}  {view.name}: "
                                 f"{settings.t('indicator.' + view.status)}"
                                 f" (forventet {view.expected:g}{view.unit})")


@indicator.command("list")
@click.argument("ref", required=False)
@json_option
@pass_settings
def indicator_list(settings: Settings, ref: str | None) -> None:
    """List indicators with their last measurement and status.

    \b
    Example:
        aarshjul indicator list
    """
    from aarshjul.cli.render import table

    views = settings.app().indicators.query(ref)
    emit(settings, views, lambda: table(
        [settings.t("ui.ref"), "indikator", "udgangspunkt", "mål", "seneste", "status"],
        [(v.ref, v.name, f"{v.baseline[0]:g}{v.unit} ({v.baseline[1]})",
          ", ".join(f"{t:g}{v.unit} ({y})" for t, y in v.targets),
          f"{v.measurements[-1][1]:g}{v.unit} ({v.measurements[-1][0]})" if v.measurements
          else "-", settings.t("indicator." + v.status)) for v in views]))


@click.group()
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

    return table(["id", "dato", "med", "strategiplan senest", "status"],
                 [(v.id, v.held_on, v.counterpart or "-", v.plan_due,
                   settings.t("conversation." + v.status)) for v in views])


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


@conversation.command("record")
@click.argument("conversation_id", metavar="ID")
@click.option("--answers", "answers_file", required=True, metavar="FILE",
              help='TOML: answers = ["…", "…", "…", "…"], one per question.')
@pass_settings
def conversation_record(settings: Settings, conversation_id: str, answers_file: str) -> None:
    """Store the answers to the four questions; the conversation is then held.

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
