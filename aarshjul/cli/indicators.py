"""Following up on the strategy: ``indicator`` (yearly targets and measurements). The
strategic conversations are in :mod:`aarshjul.cli.conversations`.
"""

from __future__ import annotations

import click

from aarshjul.cli.settings import (
    Settings,
    date_option,
    emit,
    json_option,
    pass_settings,
)
from aarshjul.clickwords import Group


@click.group(cls=Group)
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
    from aarshjul.dates.formats import quantity

    view = settings.app().indicators.measure(ref, name, value, date_option(day, "--date"))
    shown = "" if view.expected is None else quantity(view.expected, view.unit, settings.lang)
    expected = f" ({settings.t('ui.expected')} {shown})" if shown else ""
    emit(settings, view, lambda: f"{view.ref}  {view.name}: "
                                 f"{settings.t('indicator.' + view.status)}{expected}")


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
    from aarshjul.dates.formats import quantity, short_date

    lang, t = settings.lang, settings.t
    views = settings.app().indicators.query(ref)
    emit(settings, views, lambda: table(
        [t("ui.ref"), *(t(f"words.indicator.col.{c}")
                        for c in ("name", "baseline", "targets", "latest", "status"))],
        [(v.ref, v.name, f"{quantity(v.baseline[0], v.unit, lang)} ({v.baseline[1]})",
          ", ".join(f"{quantity(n, v.unit, lang)} ({y})" for n, y in v.targets),
          f"{quantity(v.measurements[-1][1], v.unit, lang)} "
          f"({short_date(v.measurements[-1][0], lang)})" if v.measurements
          else "-", t("indicator." + v.status)) for v in views]))
