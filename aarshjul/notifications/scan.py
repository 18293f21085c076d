"""The reminder scan: which reminders are due now, written to the outbox before anything is sent.

The scan reads open deadlines up to the farthest "before" rule ahead and the stalled items, asks
:mod:`aarshjul.notifications.rules` which reminder is due for each, and inserts one outbox row per
(deadline, rule, recipient) with ``ON CONFLICT DO NOTHING`` on the unique key — so two scans at the
same moment, in one process or two, insert each reminder once. Everything an email needs is
stored in the row's payload, so that sending later never depends on data that has moved on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from aarshjul.context import Context
from aarshjul.dates.timeutil import local_date, start_of_day
from aarshjul.messages import translate
from aarshjul.notifications.rules import Due, due_rules, stalled_rule, weekly_rule
from aarshjul.services.deadlines import Deadline, open_deadlines
from aarshjul.services.labels import read_labels
from aarshjul.services.meetings import working_calendar
from aarshjul.store.db import one_of, rows
from aarshjul.store.models import Body, Booking, Item, OutboxMessage, Person
from aarshjul.store.scoping import org_of
from aarshjul.workflow.definitions import WITHDRAWN, WorkflowDef
from aarshjul.workflow.registry import Workflows


@dataclass(frozen=True)
class Candidate:
    key: str
    recipient: str  # person key
    email: str | None
    name: str
    lang: str
    due: Due
    deadline_key: str
    item_ref: str | None
    payload: dict[str, Any] = field(hash=False)


@dataclass(frozen=True)
class Recipient:
    key: str
    email: str | None
    name: str
    lang: str
    manager: Recipient | None


def _recipients(s: Session, logins: Iterable[str]) -> dict[str, Recipient]:
    """The people behind ``logins``, by login, each with the manager an escalation goes to.

    Plain rows with the manager joined in: tens of thousands of reminders read these fields,
    and mapped objects would load each manager with a query of its own.
    """
    manager = aliased(Person)
    found: dict[str, Recipient] = {}
    for wanted in one_of(s, Person.login, sorted(set(logins))):
        query = (select(Person.login, Person.key, Person.email, Person.name, Person.lang,
                        manager.key.label("boss_key"), manager.email.label("boss_email"),
                        manager.name.label("boss_name"), manager.lang.label("boss_lang"))
                 .outerjoin(manager, manager.id == Person.manager_id).where(wanted))
        for row in s.execute(query):
            boss = (Recipient(row.boss_key, row.boss_email, row.boss_name, row.boss_lang,
                              manager=None) if row.boss_key is not None else None)
            found[row.login] = Recipient(row.key, row.email, row.name, row.lang, boss)
    return found


def _payload(d: Deadline, due: Due, bodies: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A reminder's outbox payload: the deadline as it stood, and the rule that fired.

    :mod:`aarshjul.notifications.mail` writes the email from it and its calendar attachment
    reads the deadline back (:func:`aarshjul.reports.ics.deadline_from_payload`); the outbox
    fills in ``next_meeting`` for a late item when it is queued.
    """
    body_name = (bodies or {}).get(d.body or "")
    return {**d.as_dict(), "rule": due.kind, "days": due.days, "next_meeting": None,
            **({"body_name": body_name} if body_name else {})}


def _candidate(person: Recipient, key_base: str, due: Due, item_ref: str | None,
               payload: dict[str, Any], states: Mapping[str, Mapping[str, str]] | None = None,
               ) -> Candidate:
    return Candidate(key=f"{key_base}|{due.rule}|{person.key}", recipient=person.key,
                     email=person.email, name=person.name, lang=person.lang, due=due,
                     deadline_key=key_base, item_ref=item_ref,
                     payload=_in_language(payload, person.lang, states or {}))


def _in_language(payload: dict[str, Any], lang: str | None,
                 states: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    """The payload with its state named in the recipient's language, who may read another
    than the one the scan ran in (issue 17: "står i Discussion" in a Danish mail)."""
    if lang is None or lang not in states:  # the scan's own language: as it stands
        return payload
    if payload.get("kind") == "samtale":  # the strategy plan's deadline is named, not a state
        named = translate("deadline.samtale", lang)
        return {**payload, "title": named, "state_label": named}
    label = states[lang].get(str(payload.get("state")))
    return {**payload, "state_label": label} if label else payload


def due_now(s: Session, ctx: Context) -> list[Candidate]:
    """Every reminder due at ``ctx.now`` (sent before or not)."""
    calendar = working_calendar(ctx)
    config = ctx.config.reminders
    today = ctx.today
    horizon = calendar.add_working_days(today, config.max_before)
    deadlines = open_deadlines(s, calendar, today, lang=ctx.lang, until=horizon)
    stalled = _stalled(s, ctx)
    bodies = {key: name for key, name in s.execute(select(Body.key, Body.name))}
    registry = Workflows(s)
    # the state labels in each language but the scan's own, whose labels the payloads carry
    states = {lang: read_labels(s, lang).states for lang in ("da", "en") if lang != ctx.lang}
    people = _recipients(s, [d.owner for d in deadlines if d.owner]
                         + [i.owner_login for i, _ in stalled if i.owner_login]
                         + list(config.secretariat))
    secretariat = [people[login] for login in config.secretariat if login in people]
    found: list[Candidate] = []
    for d in deadlines:
        owner = people.get(d.owner) if d.owner else None
        for due in due_rules(config.rule_for(d.body, d.state), calendar, d.due, today,
                             chained=d.chained_from is not None):
            payload = _payload(d, due, bodies)
            if due.to_manager:
                targets = [owner.manager] if owner and owner.manager else []
            else:
                targets = [owner] if owner else secretariat
            found += [_candidate(p, d.key, due, d.ref, payload, states) for p in targets]
    for item, due in stalled:
        owner = people.get(item.owner_login) if item.owner_login else None
        payload = {"kind": "stalled", "rule": "stalled", "days": due.days, "ref": item.ref,
                   "title": item.title, "owner": None, "state": item.state,
                   "state_label": registry.get(
                       item.workflow_name, item.workflow_version).state(item.state).label(ctx.lang),
                   "owner_name": owner.name if owner else None,
                   "since": item.state_since.date().isoformat()}
        unique = {p.key: p for p in [*([owner] if owner else []), *secretariat]}
        key_base = f"stalled-{item.id}-{item.state}-{item.state_since.date().isoformat()}"
        found += [_candidate(p, key_base, due, item.ref, payload, states)
                  for p in unique.values()]
    return found


@lru_cache(maxsize=64)
def _waiting_for_a_meeting(defn: WorkflowDef) -> frozenset[str]:
    """States from which the item still has a meeting to reach (a booked state now or ahead).

    Only there does "no booking for a long time" mean stalled: an item in udmøntning or a
    handleplan that is under way is meant to stay in its state for months.
    """
    line = [st for st in defn.main_line() if st.key != WITHDRAWN]
    return frozenset(st.key for i, st in enumerate(line)
                     if any(later.booking for later in line[i:]))


def _stalled(s: Session, ctx: Context) -> list[tuple[Any, Due]]:
    """Items waiting for a meeting, in one state for longer than configured, with no open
    booking, not paused: rows of id, ref, title, state, state_since, owner_login."""
    after = ctx.config.reminders.stalled_after
    if after <= 0:
        return []
    calendar = working_calendar(ctx)
    cutoff = start_of_day(calendar.working_days_before(ctx.today, after) + timedelta(days=1))
    registry = Workflows(s)
    waiting = frozenset().union(*(_waiting_for_a_meeting(d) for d in registry.latest()))
    if not waiting:
        return []
    open_booking = exists().where(Booking.item_id == Item.id, Booking.left_at.is_(None),
                                  Booking.delivered_at.is_(None),
                                  Booking.orientation.is_(False))  # not a step forward
    query = (select(Item.id, Item.ref, Item.title, Item.state, Item.state_since,
                    Item.workflow_name, Item.workflow_version, Person.login.label("owner_login"))
             .outerjoin(Person, Person.id == Item.owner_id)
             .where(Item.state_since < cutoff, Item.paused.is_(False),
                    Item.state.in_(sorted(waiting)), ~open_booking))
    found = []
    for item in rows(s, query):
        defn: WorkflowDef = registry.get(item.workflow_name, item.workflow_version)
        if item.state not in _waiting_for_a_meeting(defn):
            continue
        due = stalled_rule(calendar, local_date(item.state_since), ctx.today, after)
        if due is not None:
            found.append((item, due))
    return found


def weekly_due(s: Session, ctx: Context) -> list[Candidate]:
    """One week-overview per person with open deadlines in the coming weeks or overdue."""
    calendar = working_calendar(ctx)
    config = ctx.config.reminders
    horizon = calendar.add_working_days(ctx.today, config.weekly_days_ahead)
    deadlines = open_deadlines(s, calendar, ctx.today, lang=ctx.lang, until=horizon)
    people = _recipients(s, [d.owner for d in deadlines if d.owner])
    bodies = {key: name for key, name in s.execute(select(Body.key, Body.name))}
    due = weekly_rule(ctx.today)
    states = {lang: read_labels(s, lang).states for lang in ("da", "en") if lang != ctx.lang}
    by_owner: dict[str, list[Deadline]] = {}
    for d in deadlines:
        if d.owner in people:
            by_owner.setdefault(d.owner, []).append(d)
    return [_candidate(people[login], "weekly", due, None,
                       {"kind": "weekly", "rule": "weekly", "week": due.rule.split("-", 1)[1],
                        "items": [_in_language(_payload(d, Due("", "weekly"), bodies),
                                               people[login].lang, states) for d in items]})
            for login, items in sorted(by_owner.items())]


def existing_keys(s: Session, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for wanted in one_of(s, OutboxMessage.key, keys):
        found.update(s.scalars(select(OutboxMessage.key).where(wanted)))
    return found


def insert(s: Session, ctx: Context, candidates: Sequence[Candidate]) -> int:
    """Write the candidates to the outbox; a key that is there already is left alone."""
    if not candidates:
        return 0
    if s.bind is not None and s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[assignment]
    org = org_of(s)
    rows = [{"key": c.key, "recipient_key": c.recipient, "email": c.email, "lang": c.lang,
             "rule": c.due.rule, "deadline_key": c.deadline_key, "item_ref": c.item_ref,
             "payload": json.dumps(c.payload, ensure_ascii=False, sort_keys=True),
             "status": "pending", "attempts": 0, "created_at": ctx.now,
             "next_attempt_at": ctx.now, "last_error": "", "org_id": org} for c in candidates]
    inserted = 0
    for start in range(0, len(rows), 500):
        result = s.execute(dialect_insert(OutboxMessage).values(rows[start:start + 500])
                           .on_conflict_do_nothing(index_elements=["key"])
                           .returning(OutboxMessage.id))
        inserted += len(result.all())
    return inserted
