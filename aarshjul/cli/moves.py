"""Moving items through their workflow — ``advance``, ``send-back``, ``pause``, ``resume``,
``withdraw`` — and ``history``, the audit trail those moves leave on an item.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from aarshjul.cli.settings import Settings, emit, json_option, pass_settings
from aarshjul.clickwords import Command

if TYPE_CHECKING:
    from aarshjul.services.moves import MoveResult


def _moved(settings: Settings, results: list[MoveResult]) -> None:
    def text() -> str:
        lines = []
        for r in results:
            line = f"{r.ref}  {r.title}: → {r.to_label}"
            if r.forced:
                line += f" {settings.t('ui.forced')}"
            lines.append(line)
        return "\n".join(lines)

    emit(settings, results, text)


@click.command(cls=Command)
@click.argument("refs", nargs=-1, required=True)
@click.option("--to", "target", metavar="STATE", help="Target state (default: the next one).")
@click.option("--decision", help="What the meeting decided (needed to leave a political state).")
@click.option("--note", help="A note for the history.")
@click.option("--until", metavar="DATE", help="Last day of the public consultation (høring).")
@click.option("--force", is_flag=True, help="Override a guard; needs --reason and is logged.")
@click.option("--reason", help="Why a guard is overridden.")
@json_option
@pass_settings
def advance(settings: Settings, refs: tuple[str, ...], target: str | None, decision: str | None,
            note: str | None, until: str | None, force: bool, reason: str | None) -> None:
    """Move items forward; several items move together or not at all.

    \b
    Example:
        aarshjul advance 1.1 1.2 --decision "Godkendt af BUU"
    """
    from aarshjul.dates.timeutil import parse_date

    until_date = parse_date(until, "--until") if until else None
    results = settings.app().moves.advance(list(refs), to=target, decision=decision, note=note,
                                           force=force, reason=reason, until=until_date)
    _moved(settings, results)


@click.command("send-back", cls=Command)
@click.argument("ref")
@click.option("--to", "target", required=True, metavar="STATE")
@click.option("--reason", required=True)
@json_option
@pass_settings
def send_back(settings: Settings, ref: str, target: str, reason: str) -> None:
    """Send an item back to an earlier state (a body asks for more work).

    \b
    Example:
        aarshjul send-back 1.2 --to kvalificering --reason "BUU ønsker flere data"
    """
    _moved(settings, [settings.app().moves.send_back(ref, to=target, reason=reason)])


@click.command(cls=Command)
@click.argument("ref")
@click.option("--reason", required=True)
@json_option
@pass_settings
def pause(settings: Settings, ref: str, reason: str) -> None:
    """Put an item on hold (sat i bero).

    \b
    Example:
        aarshjul pause 1.3 --reason "Afventer budgetforhandlinger"
    """
    result = settings.app().moves.pause(ref, reason=reason)
    emit(settings, result, lambda: settings.t("ui.paused_done", ref=result.ref))


@click.command(cls=Command)
@click.argument("ref")
@click.option("--note")
@json_option
@pass_settings
def resume(settings: Settings, ref: str, note: str | None) -> None:
    """Take an item off hold.

    \b
    Example:
        aarshjul resume 1.3
    """
    result = settings.app().moves.resume(ref, note=note)
    emit(settings, result, lambda: settings.t("ui.resumed_done", ref=result.ref,
                                              state=result.to_label))


@click.command(cls=Command)
@click.argument("ref")
@click.option("--reason", required=True)
@json_option
@pass_settings
def withdraw(settings: Settings, ref: str, reason: str) -> None:
    """Withdraw an item (trukket tilbage); this ends it.

    \b
    Example:
        aarshjul withdraw 1.4 --reason "Indgår i ny strategi"
    """
    _moved(settings, [settings.app().moves.withdraw(ref, reason=reason)])


@click.command(cls=Command)
@click.argument("ref")
@json_option
@pass_settings
def history(settings: Settings, ref: str) -> None:
    """The audit trail of one item.

    \b
    Example:
        aarshjul history 1.2
    """
    from aarshjul.cli.render import labels, table, when
    from aarshjul.services.labels import history_line

    entries = settings.app().items.history(ref)
    t = settings.t
    lang = settings.lang

    def text() -> str:
        names = labels(settings)
        return table([t("ui.when"), t("ui.who"), t("ui.what")],
                     [(when(e.at, lang), e.actor, history_line(e, names)) for e in entries])

    emit(settings, entries, text)
