"""When a reminder is due: pure rules over working days, no database.

For one deadline the rules give at most one "before" reminder — the latest whose day has come
(10, 3 and 1 working days before by default), so that after downtime one catch-up reminder goes
out rather than one per missed day — and, once the deadline has passed, one "overdue" reminder per
overdue working day, copied to the owner's manager from ``escalate_after`` overdue working days
on. Each reminder has a rule name that, with the deadline and the recipient, forms the outbox's
idempotency key; the same day gives the same name, so it is never sent twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aarshjul.config import RuleConfig
from aarshjul.dates.formats import plural, week
from aarshjul.dates.workdays import WorkingCalendar
from aarshjul.messages import translate


@dataclass(frozen=True)
class Due:
    rule: str  # "before-3", "overdue-2", "escalate-4", "stalled-0", "weekly-2027-W10"
    kind: str  # "before" | "overdue" | "escalate" | "stalled" | "weekly"
    days: int = 0  # working days before (before) or overdue (overdue/escalate)

    @property
    def to_manager(self) -> bool:
        return self.kind == "escalate"


def due_rules(rule: RuleConfig, calendar: WorkingCalendar, deadline: date,
              today: date, *, chained: bool = False) -> list[Due]:
    """The reminders due today for one deadline. A chained deadline (KB's, met by ØK's
    decision) has no "before" reminders: the owner's work is the previous body's sagsfrist,
    which has its own; it is overdue only when that meeting's decision is not recorded."""
    left = calendar.working_days_between(today, deadline)
    if left >= 0:
        if chained:
            return []
        come = [n for n in rule.before if calendar.working_days_before(deadline, n) <= today]
        return [Due(f"before-{min(come)}", "before", min(come))] if come else []
    if not rule.overdue:
        return []
    overdue = -left
    found = [Due(f"overdue-{overdue}", "overdue", overdue)]
    if rule.escalate_after and overdue >= rule.escalate_after:
        found.append(Due(f"escalate-{overdue}", "escalate", overdue))
    return found


def stalled_rule(calendar: WorkingCalendar, since: date, today: date,
                 stalled_after: int) -> Due | None:
    """A stalled item is mentioned when it becomes stalled and then once a working week."""
    days = calendar.working_days_between(since, today)
    if stalled_after <= 0 or days < stalled_after:
        return None
    return Due(f"stalled-{(days - stalled_after) // 5}", "stalled", days)


def weekly_rule(today: date) -> Due:
    year, week, _ = today.isocalendar()
    return Due(f"weekly-{year}-W{week:02d}", "weekly")


def rule_label(rule: str, lang: str) -> str:
    """What a person reads for a rule name: ``before-3`` → ``3 arbejdsdage før fristen``,
    ``escalate-8`` → ``til lederen: 8 arbejdsdage over fristen``, ``weekly-2026-W49`` →
    ``ugeoversigt, uge 49``. The name itself stays the outbox's key."""
    kind, _, rest = rule.partition("-")
    if kind in ("before", "overdue", "escalate") and rest.isdigit():
        return plural(int(rest), f"label.rule.{kind}", lang)
    if kind == "stalled":
        return translate("label.rule.stalled", lang)
    if kind == "weekly":
        year, _, number = rest.partition("-W")
        if year.isdigit() and number.isdigit():
            monday = date.fromisocalendar(int(year), int(number), 1)
            return translate("label.rule.weekly", lang, week=week(monday, lang))
    return rule
