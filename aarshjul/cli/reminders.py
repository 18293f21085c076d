"""Reminders: ``remind`` (send what is due now, once; its ``rules``), ``outbox`` (what was sent
and what failed) and ``scheduler`` (the long-running service, or one tick of it).
"""

from __future__ import annotations

import math
import sys
from datetime import datetime
from typing import Any

import click

from aarshjul.cli.settings import Settings, emit, json_option, out, pass_settings, wall_clock
from aarshjul.clickwords import Group


@click.group(cls=Group, invoke_without_command=True)
@click.option("--dry-run", is_flag=True, help="Show what would be sent; send and write nothing.")
@json_option
@click.pass_context
def remind(ctx: click.Context, dry_run: bool) -> None:
    """Send the reminders that are due now, once (safe to run from cron as often as you like).

    \b
    Example:
        aarshjul remind --dry-run
        aarshjul --now 2027-03-01T08:00 remind
    """
    if ctx.invoked_subcommand is not None:
        return
    settings = ctx.find_object(Settings)
    assert settings is not None
    from aarshjul.notifications.outbox import require_transport_up

    result = settings.app().outbox.run(dry_run=dry_run)
    if dry_run:
        emit(settings, list(result.planned), lambda: _planned_text(settings, result))
        return
    emit(settings, result, lambda: _run_text(settings, result))
    require_transport_up(result)


def _planned_text(settings: Settings, result: Any) -> str:
    from aarshjul.cli.render import table
    from aarshjul.dates.formats import short_date
    from aarshjul.notifications.rules import rule_label

    new = [p for p in result.planned if p.new]
    t, lang = settings.t, settings.lang
    if not new:
        return t("ui.none")
    return table([t("label.to"), t("label.email"), t("label.rule"), t("ui.ref"), t("ui.due"),
                  t("ui.title")],
                 [(p.recipient, p.email or "-", rule_label(p.rule, lang), p.ref or "",
                   short_date(p.due, lang), p.title) for p in new])


def _run_text(settings: Settings, result: Any) -> str:
    digests = settings.t("n.mails", count=result.digests)
    lines = [settings.t("words.remind_summary",
                        new=settings.t("words.new_reminders", count=result.queued),
                        sent=result.sent, digests=digests, waiting=result.waiting,
                        failed=result.failed)]
    if result.unknown:
        lines.append(settings.t("ui.remind_unknown", count=result.unknown))
    lines += [f"  {e}" for e in result.errors]
    return "\n".join(lines)


@remind.command("rules")
@json_option
@pass_settings
def remind_rules(settings: Settings) -> None:
    """Show when reminders go out (from the configuration).

    \b
    Example:
        aarshjul --config aarshjul.toml remind rules
    """
    from aarshjul.cli.render import labels

    cfg = settings.config.reminders
    rows = [("*", "*", cfg.default)] + [(b, "*", r) for b, r in cfg.by_body] + [
        ("*", s, r) for s, r in cfg.by_state]
    data = [{"body": b, "state": s, "before": list(r.before), "overdue": r.overdue,
             "escalate_after": r.escalate_after} for b, s, r in rows]
    emit(settings, {"rules": data, "stalled_after": cfg.stalled_after,
                    "secretariat": list(cfg.secretariat),
                    "interval_minutes": cfg.interval_minutes},
         lambda: _rules_text(settings, rows, labels(settings)))


def _rules_text(settings: Settings, rows: list[tuple[str, str, Any]], names: Any) -> str:
    """``remind rules`` in words: the bodies and states by their labels, "*" as "alle"."""
    from aarshjul.cli.render import table

    t = settings.t
    every = t("words.rules.all")
    cfg = settings.config.reminders
    lines = table(
        [t(f"words.rules.col.{c}") for c in ("body", "state", "before", "overdue", "escalate")],
        [(every if b == "*" else names.body(b), every if s == "*" else names.state(s),
          ", ".join(map(str, r.before)) or t("words.rules.none"),
          t("words.rules.every_day") if r.overdue else t("words.rules.none"), r.escalate_after)
         for b, s, r in rows])
    days = t("n.working_days", count=cfg.stalled_after)
    stalled = (t("words.rules.stalled", days=days, who=", ".join(cfg.secretariat))
               if cfg.secretariat else t("words.rules.stalled_nobody"))
    return lines + "\n" + stalled


@click.group(cls=Group)
def outbox() -> None:
    """What was sent, what failed and why."""


@outbox.command("list")
@click.option("--failed", is_flag=True, help="Only failed, unknown or retried ones.")
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=200, show_default=True)
@json_option
@pass_settings
def outbox_list(settings: Settings, failed: bool, limit: int) -> None:
    """List reminders in the outbox, newest first.

    \b
    Example:
        aarshjul outbox list --failed
    """
    from aarshjul.cli.render import table, when
    from aarshjul.messages import has
    from aarshjul.notifications.rules import rule_label

    rows = settings.app().outbox.rows(failed=failed, limit=limit)
    t, lang = settings.t, settings.lang

    def status(key: str) -> str:
        return t(f"label.outbox.{key}") if has(f"label.outbox.{key}") else key

    emit(settings, rows, lambda: table(
        [t("label.status"), t("label.to"), t("label.rule"), t("ui.ref"), t("label.sent"),
         t("label.error")],
        [(status(r.status), f"{r.recipient} <{r.email or '-'}>", rule_label(r.rule, lang),
          r.ref or "", when(r.sent_at, lang), r.last_error) for r in rows]))


@outbox.command("retry")
@click.option("--unknown", is_flag=True,
              help="Also resend those interrupted mid-send (may send them twice).")
@pass_settings
def outbox_retry(settings: Settings, unknown: bool) -> None:
    """Make failed and waiting reminders go out on the next run.

    \b
    Example:
        aarshjul outbox retry && aarshjul remind
    """
    count = settings.app().outbox.retry(unknown=unknown)
    out(settings.t("ui.retry_done", count=count))


class Minutes(click.FloatRange):
    """A span of minutes: a number in the range, and neither ``nan`` (which no range refuses,
    as it compares false with everything) nor ``inf``."""

    name = "minutes"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        minutes = super().convert(value, param, ctx)
        if not math.isfinite(minutes):
            self.fail(f"{value!r} is not a number of minutes.", param, ctx)
        return minutes


@click.group(cls=Group)
def scheduler() -> None:
    """The long-running reminder service."""


@scheduler.command("run")
@click.option("--interval", type=Minutes(min=0, min_open=True, max=7 * 24 * 60),
              help="Minutes between scans (default from config: 15).")
@pass_settings
def scheduler_run(settings: Settings, interval: float | None) -> None:
    """Scan and send reminders every few minutes, and a week overview on Mondays; stop with
    Ctrl-C or SIGTERM.

    \b
    Example:
        aarshjul --config /etc/aarshjul.toml scheduler run
    """
    import os

    from aarshjul.dates.timeutil import parse_datetime
    from aarshjul.notifications import scheduler as service

    fixed = parse_datetime(settings.now_option) if settings.now_option else None

    def clock() -> datetime:
        return fixed or wall_clock()

    # The ticks run in child processes (see notifications/scheduler.py) and must see the same
    # database, settings file, language and fixed time; the database goes by environment, as
    # a URL may hold a password that the process list would show.
    options = ["--as", settings.actor_option] if settings.actor_option else []
    env = {**os.environ, "AARSHJUL_DB": settings.db_url()}
    for name, value in (("AARSHJUL_CONFIG", settings.config_path), ("AARSHJUL_ORG", settings.org),
                        ("AARSHJUL_LANG", settings.lang_option),
                        ("AARSHJUL_NOW", settings.now_option)):
        if value:
            env[name] = value

    def tick(weekly: bool) -> int:
        return service.tick_in_child(options, env, weekly=weekly)

    app = settings.app()
    service.run(app.db, app.ctx, tick, out=sys.stdout, clock=clock, started=wall_clock(),
                interval_minutes=interval or settings.config.reminders.interval_minutes)


@scheduler.command("tick")
@click.option("--weekly", is_flag=True,
              help="Also send this week's overview now, before its day and time.")
@click.option("--in-service", is_flag=True, hidden=True,
              help="Started by scheduler run: finish the tick whatever stop signal comes.")
@pass_settings
def scheduler_tick(settings: Settings, weekly: bool, in_service: bool) -> None:
    """Scan and send once, as the running scheduler does every few minutes: for cron or a
    systemd timer instead of scheduler run.

    \b
    Example:
        aarshjul --config /etc/aarshjul.toml scheduler tick
    """
    from aarshjul.notifications import scheduler as service

    if in_service:
        service.shield_tick()

    def report(result: Any) -> None:
        from aarshjul.dates.formats import short_moment

        click.echo(f"{short_moment(settings.app().ctx.now, settings.lang)}  "
                   f"{_run_text(settings, result)}")
        if result.down:
            click.echo(f"  {result.down}")

    app = settings.app()
    service.tick(app.db, app.ctx, report, weekly=weekly)
