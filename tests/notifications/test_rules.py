"""Reminder rules over working days: which reminder is due on which day."""

from __future__ import annotations

from datetime import date, timedelta

from aarshjul.config import RuleConfig
from aarshjul.dates.workdays import WorkingCalendar
from aarshjul.notifications.rules import due_rules, stalled_rule, weekly_rule

CAL = WorkingCalendar()
DEADLINE = date(2027, 4, 6)  # a Tuesday, one week after Easter 2027


def _rules_by_day(start: date, end: date, rule: RuleConfig) -> dict[date, list[str]]:
    found = {}
    day = start
    while day <= end:
        found[day] = [d.rule for d in due_rules(rule, CAL, DEADLINE, day)]
        day += timedelta(days=1)
    return found


def test_the_latest_before_rule_whose_day_has_come_is_due() -> None:
    days = _rules_by_day(date(2027, 3, 15), DEADLINE, RuleConfig())
    assert days[date(2027, 3, 17)] == []
    assert days[date(2027, 3, 18)] == ["before-10"]  # 10 working days before, Easter skipped
    assert days[date(2027, 3, 31)] == ["before-10"]
    assert days[date(2027, 4, 1)] == ["before-3"]
    assert days[date(2027, 4, 3)] == ["before-3"]  # Saturday: nothing new
    assert days[date(2027, 4, 5)] == ["before-1"]
    assert days[DEADLINE] == ["before-1"]


def test_overdue_every_working_day_and_the_manager_from_escalate_after() -> None:
    rule = RuleConfig(escalate_after=3)
    assert [d.rule for d in due_rules(rule, CAL, DEADLINE, date(2027, 4, 7))] == ["overdue-1"]
    assert [d.rule for d in due_rules(rule, CAL, DEADLINE, date(2027, 4, 8))] == ["overdue-2"]
    assert [d.rule for d in due_rules(rule, CAL, DEADLINE, date(2027, 4, 9))] == [
        "overdue-3", "escalate-3"]
    assert [d.rule for d in due_rules(rule, CAL, DEADLINE, date(2027, 4, 10))] == [
        "overdue-3", "escalate-3"]  # Saturday: the same keys as Friday, so nothing new
    assert [d.to_manager for d in due_rules(rule, CAL, DEADLINE, date(2027, 4, 12))] == [
        False, True]


def test_no_overdue_reminders_when_switched_off() -> None:
    assert due_rules(RuleConfig(overdue=False), CAL, DEADLINE, date(2027, 4, 12)) == []


def test_stalled_items_are_mentioned_once_a_working_week() -> None:
    since = date(2027, 1, 4)
    assert stalled_rule(CAL, since, CAL.add_working_days(since, 29), 30) is None
    first = stalled_rule(CAL, since, CAL.add_working_days(since, 30), 30)
    assert first is not None and first.rule == "stalled-0"
    later = stalled_rule(CAL, since, CAL.add_working_days(since, 35), 30)
    assert later is not None and later.rule == "stalled-1"


def test_weekly_rule_is_keyed_by_iso_week() -> None:
    assert weekly_rule(date(2027, 1, 4)).rule == "weekly-2027-W01"
    assert weekly_rule(date(2027, 1, 10)).rule == "weekly-2027-W01"
