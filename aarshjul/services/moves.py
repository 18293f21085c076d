"""Moving items through their workflow: advance, send back, pause, resume, withdraw.

Every command is one transaction. ``advance`` of several items (all decided at one meeting)
moves all of them or none: every refusal is collected and reported together. Each move appends
one audit entry; a forced move (``--force --reason``) records which guards it overrode.

A move names the state it expects to leave implicitly (the one read at the start of the
transaction); if the row changed meanwhile the version check raises ``Conflict``. Asking to move
an item to the state it is already in is also a conflict: somebody else moved it first.

Two people, one click (issue 20, point 1): ``advance`` without ``--to`` means "one step on from
where it stands", so the same command run twice at once would move the item two steps. The
command therefore carries the state it saw: it looks at its items before it waits for the
write lock, and refuses (``Conflict``, exit 3, nothing saved) an item that moved while it
waited. A duplicate that was launched before the first one moved the item but looked only after
(a process slow to start) is caught by the real clock: a forward move records when it was made
(``Item.stepped_at``), and an ``advance`` without ``--to`` launched before that moment does not
step the item on again. Two deliberate steps in a row are two commands, the second launched after
the first has finished, or one command with ``--to``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NoReturn

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from aarshjul.context import Context
from aarshjul.dates.formats import long_date
from aarshjul.dates.timeutil import local
from aarshjul.errors import Conflict, InvalidInput, WorkflowRefused
from aarshjul.messages import translate
from aarshjul.services.audit_trail import AuditTrail
from aarshjul.services.items import load_item, parse_ref
from aarshjul.services.meetings import working_calendar
from aarshjul.services.people import require_secretariat
from aarshjul.store.db import READ_ONLY, Database, one_of, rows
from aarshjul.store.models import Booking, Decision, Item
from aarshjul.workflow import guards
from aarshjul.workflow.definitions import WITHDRAWN, StateDef, WorkflowDef
from aarshjul.workflow.machine import MachineError, Move, fire, moves_from
from aarshjul.workflow.registry import Workflows

#: What a forced move records when its høring ends after the next booking's sagsfrist.
UNTIL_AFTER_SAGSFRIST = "move.until_after_sagsfrist"


@dataclass(frozen=True)
class MoveResult:
    ref: str
    title: str
    move: str
    from_state: str
    to_state: str
    to_label: str
    forced: bool = False


class _Refusal(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class Moves:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    # -- advance ---------------------------------------------------------------------------

    def advance(self, refs: list[str], *, to: str | None = None, decision: str | None = None,
                note: str | None = None, force: bool = False, reason: str | None = None,
                until: date | None = None) -> list[MoveResult]:
        if force and not (reason and reason.strip()):
            raise InvalidInput("input.reason_needed", option="--force")
        seen = self._look(refs)
        with self.db.transaction() as s:
            return self.advance_in(s, refs, to=to, decision=decision, note=note, force=force,
                                   reason=reason, until=until, seen=seen)

    def advance_in(self, s: Session, refs: list[str], *, to: str | None = None,
                   decision: str | None = None, note: str | None = None, force: bool = False,
                   reason: str | None = None, until: date | None = None,
                   seen: dict[str, str] | None = None) -> list[MoveResult]:
        """:meth:`advance` inside the caller's transaction (the beslutningsprotokol records a
        decision and moves the item in one): the same guards, refusals and audit entries.
        ``seen``: the states the command found before the lock, which refuses a duplicate."""
        items = load_items(s, refs)
        registry = Workflows(s)
        if force:
            require_secretariat(s, self.ctx, "--force")
        if seen is not None:
            for item in items:
                self._refuse_duplicate(registry, item, seen.get(item.ref), to)
        trail = AuditTrail(s, self.ctx)
        # the held meeting every guard and decision asks for, read for all items at once
        held = guards.held_meetings_of(
            s, [(item, registry.get(item.workflow_name, item.workflow_version).state(item.state))
                for item in items], self.ctx.today, f"{local(self.ctx.now):%H:%M}")
        results: list[MoveResult] = []
        moved: list[tuple[Item, str, StateDef]] = []
        refusals: list[str] = []
        guarded = False
        # Each item's guards read only its own rows, so the changes are flushed once at the
        # end: one batch instead of four round trips per item (a meeting decides hundreds).
        with s.no_autoflush:
            for item in items:
                defn = registry.get(item.workflow_name, item.workflow_version)
                try:
                    result = self._advance_one(s, trail, item, defn, to, decision, note,
                                               force, reason, until, held)
                except _Refusal as refusal:
                    refusals.append(translate(refusal.key, self.ctx.lang, **refusal.params))
                    guarded = guarded or refusal.key in ("move.guard",
                                                         UNTIL_AFTER_SAGSFRIST)
                    continue
                results.append(result)
                moved.append((item, result.from_state, defn.state(result.to_state)))
        if refusals:
            hint = [translate("guard.force_hint", self.ctx.lang)] if guarded else []
            if len(items) == 1:
                raise WorkflowRefused("move.single", text=refusals[0], details=hint)
            raise WorkflowRefused("move.refused_many", count=len(refusals),
                                  details=[*refusals, *hint])
        _write_moved(s, [item for item, _, _ in moved])
        self._leave_bookings(s, moved)
        return results

    def _look(self, refs: list[str]) -> dict[str, str]:
        """The items' states as the command found them, read before it waits for the write
        lock (a reader does not queue behind a writer): what the user's command saw."""
        wanted = list(dict.fromkeys(ref.strip() for ref in refs))
        seen: dict[str, str] = {}
        with self.db.transaction() as s:
            s.connection(execution_options={READ_ONLY: True})
            for chunk in one_of(s, Item.ref, wanted):
                seen.update({r.ref: r.state for r in rows(s, select(Item.ref, Item.state)
                                                          .where(chunk))})
        return seen

    def _refuse_duplicate(self, registry: Workflows, item: Item, seen: str | None,
                          to: str | None) -> None:
        """Refuse a move that another command made while this one was on its way."""
        lang = self.ctx.lang
        if seen is not None and seen != item.state:
            defn = registry.get(item.workflow_name, item.workflow_version)
            raise Conflict("conflict.moved_meanwhile", ref=item.ref,
                           seen=_label(defn, seen, lang), state=_label(defn, item.state, lang))
        started, stepped = self.ctx.started, item.stepped_at
        if to is None and started is not None and stepped is not None \
                and _utc(started) <= _utc(stepped):
            defn = registry.get(item.workflow_name, item.workflow_version)
            here = defn.state(item.state)
            nxt = here.next[0] if len(here.next) == 1 and not here.terminal else "STATE"
            raise Conflict("conflict.just_moved", ref=item.ref, state=here.label(lang),
                           target=nxt)

    def _advance_one(self, s: Session, trail: AuditTrail, item: Item, defn: WorkflowDef,
                     to: str | None, decision: str | None, note: str | None,
                     force: bool, reason: str | None, until: date | None,
                     held: dict[int, int | None] | None = None) -> MoveResult:
        lang = self.ctx.lang
        here = defn.state(item.state)
        target = self._target(item, defn, here, to)
        if item.paused:
            raise _Refusal("move.paused", ref=item.ref)
        if here.terminal:
            raise _Refusal("move.terminal", ref=item.ref, state=here.label(lang))
        # The machine decides: its conditions evaluate the exit guards (a forced move passes
        # them), and the check remembers what was missing for the refusal or the audit.
        check = guards.Check(guards.GuardContext(session=s, item=item, state=here,
                                                 decision=decision, today=self.ctx.today,
                                                 clock=f"{local(self.ctx.now):%H:%M}",
                                                 held=held),
                             force=force)
        try:
            new_state = fire(defn, item.state, Move("advance", target.key), check)
        except MachineError:
            raise _Refusal("move.not_allowed", ref=item.ref, move=_verb("advance", lang),
                           target=target.label(lang), state=here.label(lang),
                           allowed=_allowed_text(defn, item.state, lang)) from None
        if until is not None and not target.consultation:
            raise InvalidInput("move.until_not_consultation")
        if until is not None and until < self.ctx.today:
            raise InvalidInput("move.until_past", today=self.ctx.today,
                               until=until.isoformat())
        missing = check.missing
        if new_state is None:
            text = _missing_text(s, list(missing.values()), lang)
            raise _Refusal("move.guard", ref=item.ref, state=here.label(lang), missing=text)
        target = defn.state(new_state)
        meeting_id = check.ctx.held_meeting_id  # read by the guard already, if it has one
        if decision and decision.strip():
            s.add(Decision(item_id=item.id, from_state=here.key, to_state=target.key,
                           text=decision.strip(), meeting_id=meeting_id,
                           decided_at=self.ctx.now, actor_key=trail.actor))
        overrode = sorted(missing)
        if target.consultation:
            item.consultation_until, beyond = self._consultation_end(s, item, here, until, force)
            if beyond:
                overrode.append(UNTIL_AFTER_SAGSFRIST)
        data: dict[str, object] = {"from": here.key, "to": target.key}
        if decision and decision.strip():
            data["decision"] = decision.strip()
        if note:
            data["note"] = note
        if target.consultation:
            data["until"] = item.consultation_until.isoformat() if item.consultation_until else None
        if overrode:
            data["forced"] = {"reason": (reason or "").strip(), "overrode": overrode}
        item.stepped_at = self.ctx.clock() if self.ctx.clock is not None else None
        return self._apply(trail, item, "advance", target, data, forced=bool(overrode))

    def _consultation_end(self, s: Session, item: Item, here: StateDef, until: date | None,
                          force: bool) -> tuple[date, bool]:
        """When the høring ends: ``--until`` (a working day), or the configured number of days
        from today, moved on to a working day. It must end by the sagsfrist of the item's next
        booking, or the case cannot be ready for that meeting; ``--force`` may end it later
        (the second value says so, for the audit)."""
        calendar = working_calendar(self.ctx)
        lang = self.ctx.lang
        if until is None:
            end = calendar.next_working_day(
                self.ctx.today + timedelta(days=self.ctx.config.hoering_days))
        elif not calendar.is_working_day(until):
            raise InvalidInput("move.until_not_working_day", until=long_date(until, lang),
                               before=long_date(calendar.working_days_before(until, 1), lang),
                               after=long_date(calendar.next_working_day(until), lang))
        else:
            end = until
        # The earliest sagsfrist of the item's open bookings beyond the state it leaves.
        latest = s.scalar(select(func.min(Booking.deadline)).where(
            Booking.item_id == item.id, Booking.left_at.is_(None), Booking.state != here.key,
            Booking.orientation.is_(False)))
        beyond = latest is not None and end > latest
        if beyond and not force:
            raise _Refusal(UNTIL_AFTER_SAGSFRIST, ref=item.ref, until=long_date(end, lang),
                           latest=long_date(latest, lang))
        return end, beyond

    def _target(self, item: Item, defn: WorkflowDef, here: StateDef, to: str | None) -> StateDef:
        lang = self.ctx.lang
        if to is not None:
            found = defn.find_state(to)
            if found is None:
                raise InvalidInput("move.unknown_state", state=to, workflow=defn.name,
                                   known=", ".join(s.label(lang) for s in defn.states))
            if found.key == item.state:
                raise Conflict("conflict.already_there", ref=item.ref, state=found.label(lang))
            return found
        if here.terminal:
            raise _Refusal("move.terminal", ref=item.ref, state=here.label(lang))
        if len(here.next) > 1:
            raise _Refusal("move.choose_next", ref=item.ref, state=here.label(lang),
                           choices=", ".join(here.next))
        return defn.state(here.next[0])

    # -- the other moves ---------------------------------------------------------------------

    def send_back(self, ref: str, *, to: str, reason: str) -> MoveResult:
        if not reason.strip():
            raise InvalidInput("input.reason_needed", option="send-back")
        with self.db.transaction() as s:
            return self.send_back_in(s, ref, to=to, reason=reason)

    def send_back_in(self, s: Session, ref: str, *, to: str, reason: str) -> MoveResult:
        """:meth:`send_back` inside the caller's transaction."""
        if not reason.strip():
            raise InvalidInput("input.reason_needed", option="send-back")
        item, defn, trail = self._load(s, ref)
        here = defn.state(item.state)
        target = self._target(item, defn, here, to)
        self._refuse_if_paused(item)
        target = self._fire(item, defn, Move("send-back", target.key))
        result = self._apply(trail, item, "send-back", target,
                             {"from": here.key, "to": target.key, "reason": reason.strip()})
        self._leave_bookings(s, [(item, here.key, target)])
        return result

    def withdraw(self, ref: str, *, reason: str) -> MoveResult:
        with self.db.transaction() as s:
            item, defn, trail, here = self._load_open(s, ref, reason, "withdraw")
            target = self._fire(item, defn, Move("withdraw", WITHDRAWN))
            item.paused = False
            result = self._apply(trail, item, "withdraw", target,
                                 {"from": here.key, "to": WITHDRAWN, "reason": reason.strip()})
            self._leave_bookings(s, [(item, here.key, target)])
            return result

    def pause(self, ref: str, *, reason: str) -> MoveResult:
        with self.db.transaction() as s:
            item, _, trail, here = self._load_open(s, ref, reason, "pause")
            if item.paused:
                self._refuse("move.already_paused", ref=item.ref)
            item.paused = True
            return self._apply(trail, item, "pause", here,
                               {"state": here.key, "reason": reason.strip()}, moved=False)

    def resume(self, ref: str, *, note: str | None = None) -> MoveResult:
        with self.db.transaction() as s:
            item, defn, trail = self._load(s, ref)
            if not item.paused:
                self._refuse("move.not_paused", ref=item.ref)
            item.paused = False
            data: dict[str, object] = {"state": item.state}
            if note:
                data["note"] = note
            return self._apply(trail, item, "resume", defn.state(item.state), data,
                               moved=False)

    # -- helpers ------------------------------------------------------------------------------

    def _load(self, s: Session, ref: str) -> tuple[Item, WorkflowDef, AuditTrail]:
        item = load_item(s, ref)
        return (item, Workflows(s).get(item.workflow_name, item.workflow_version),
                AuditTrail(s, self.ctx))

    def _load_open(self, s: Session, ref: str, reason: str,
                   option: str) -> tuple[Item, WorkflowDef, AuditTrail, StateDef]:
        """An item that has not ended, for a move that needs a reason."""
        if not reason.strip():
            raise InvalidInput("input.reason_needed", option=option)
        item, defn, trail = self._load(s, ref)
        here = defn.state(item.state)
        if here.terminal:
            self._refuse("move.terminal", ref=item.ref, state=here.label(self.ctx.lang))
        return item, defn, trail, here

    def _apply(self, trail: AuditTrail, item: Item, action: str, target: StateDef,
               data: dict[str, object], *, forced: bool = False, moved: bool = True) -> MoveResult:
        """Change the item and append its audit entry; the caller then calls
        :meth:`_leave_bookings` for the items that moved."""
        from_state = item.state
        if moved:
            item.state = target.key
            item.state_since = self.ctx.now
        trail.record(action, item=item, data=data)
        return MoveResult(ref=item.ref, title=item.title, move=action, from_state=from_state,
                          to_state=target.key, to_label=target.label(self.ctx.lang), forced=forced)

    def _leave_bookings(self, s: Session, moved: list[tuple[Item, str, StateDef]]) -> None:
        """Leaving a state meets (or makes moot) the deadlines booked for it; ending the item
        meets all of its deadlines. One UPDATE per state left, not one per item."""
        leaving: dict[str | None, list[int]] = {}
        for item, from_state, target in moved:
            leaving.setdefault(None if target.terminal else from_state, []).append(item.id)
        s.flush()  # the version check of every moved item, before its bookings change
        for state, ids in leaving.items():
            for wanted in one_of(s, Booking.item_id, ids):
                query = update(Booking).where(wanted, Booking.left_at.is_(None))
                if state is not None:  # an orientation stays until delivered or held
                    query = query.where(Booking.state == state, Booking.orientation.is_(False))
                # No Booking objects are loaded in a move, so there is nothing to synchronise
                # (the default scans the whole identity map on every UPDATE).
                s.execute(query.values(left_at=self.ctx.now),
                          execution_options={"synchronize_session": False})

    def _fire(self, item: Item, defn: WorkflowDef, move: Move) -> StateDef:
        """Run an unguarded move through the machine: the state it lands in, or the refusal
        for a move the definition does not have from the item's state (``MachineError``)."""
        try:
            new_state = fire(defn, item.state, move)
        except MachineError:
            new_state = None
        if new_state is None:
            self._refuse_move(item, defn, move.kind, defn.state(move.target))
        return defn.state(new_state)

    def _refuse_if_paused(self, item: Item) -> None:
        if item.paused:
            self._refuse("move.paused", ref=item.ref)

    def _refuse_move(self, item: Item, defn: WorkflowDef, move: str,
                     target: StateDef) -> NoReturn:
        lang = self.ctx.lang
        self._refuse("move.not_allowed", ref=item.ref, move=_verb(move, lang),
                     target=target.label(lang), state=defn.state(item.state).label(lang),
                     allowed=_allowed_text(defn, item.state, lang))

    def _refuse(self, key: str, **params: Any) -> NoReturn:
        raise WorkflowRefused(key, **params)


#: What an advance changes on an item row (besides its version).
_MOVED = ("state", "state_since", "stepped_at", "consultation_until")


def _write_moved(s: Session, items: list[Item]) -> None:
    """Write the moved items with one executemany UPDATE, each row still checked against the
    version it was read at (issue 19, point 3): the ORM writes a versioned row one statement,
    and on PostgreSQL one round trip, at a time. A row that changed meanwhile makes the count
    fall short: ``StaleDataError``, which the transaction turns into ``Conflict`` (exit 3) and
    a rollback, as a flush would. Without a reliable count of an executemany the ORM's flush
    writes them as before."""
    if len(items) < 2 or not s.get_bind().dialect.supports_sane_multi_rowcount:
        return
    table = Item.metadata.tables["items"]
    statement = (update(table)
                 .where(table.c.id == bindparam("_id"), table.c.version == bindparam("_seen"))
                 .values({**{name: bindparam(name) for name in _MOVED},
                          "version": table.c.version + 1}))
    params = [{"_id": item.id, "_seen": item.version,
               **{name: getattr(item, name) for name in _MOVED}} for item in items]
    written = s.connection().execute(statement, params).rowcount
    if written != len(items):
        raise StaleDataError(f"{len(items) - written} of {len(items)} items changed meanwhile")
    for item in items:  # what is in the row now is what the session holds: nothing to flush
        for name in _MOVED:
            set_committed_value(item, name, getattr(item, name))
        set_committed_value(item, "version", item.version + 1)


def load_items(s: Session, refs: list[str]) -> list[Item]:
    """The items in the order given, each once, in as few queries as ``one_of`` allows (a bulk
    advance after a meeting names hundreds); the first unknown number is refused as
    ``load_item`` would."""
    wanted = list(dict.fromkeys(parse_ref(ref) for ref in refs))
    found: dict[str, Item] = {}
    for chunk in one_of(s, Item.ref, wanted):
        found.update({i.ref: i for i in s.scalars(select(Item).where(chunk))})
    missing = [ref for ref in wanted if ref not in found]
    if missing:
        raise InvalidInput("item.unknown", ref=missing[0],
                           details=[", ".join(missing)] if len(missing) > 1 else [])
    return [found[ref] for ref in wanted]


def _utc(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _label(defn: WorkflowDef, state: str, lang: str) -> str:
    found = defn.find_state(state)
    return found.label(lang) if found is not None else state


def _verb(move: str, lang: str) -> str:
    verbs = {"advance": ("gå videre til", "move on to"), "send-back": ("sendes tilbage til",
                                                                       "be sent back to"),
             "withdraw": ("trækkes tilbage til", "be withdrawn to")}
    da, en = verbs[move]
    return en if lang == "en" else da


def _allowed_text(defn: WorkflowDef, state: str, lang: str) -> str:
    moves = moves_from(defn, state)
    if not moves:
        return "-"
    return ", ".join(f"{m.kind} → {defn.state(m.target).label(lang)}" for m in moves)


def _missing_text(s: Session, missing: list[Any], lang: str) -> str:
    """What a guard found missing, in sentences: the first goes on after a colon, each next one
    starts with a capital letter; a meeting that has not been held yet is named by its body and
    day (``OMU's møde onsdag den 9. december 2026``), not by its id."""
    from aarshjul.services.labels import read_labels

    names = read_labels(s, lang) if any(m.key == "guard.meeting_not_held" for m in missing) \
        else None
    sentences = []
    for m in missing:
        params = dict(m.params)
        if names is not None and m.key == "guard.meeting_not_held":
            params["meeting"] = names.meeting(str(params["meeting"]), prose=True)
        sentences.append(translate(m.key, lang, **params))
    return " ".join([sentences[0], *(t[:1].upper() + t[1:] for t in sentences[1:])])
