"""Strategy items: registering, numbering, listing, showing and editing them, and their history.

Items form a tree numbered hierarchically (1, 1.2, 1.2.1). A new item gets the next free number
under its parent unless one is given; its kind follows from its depth and its workflow from its
kind unless given. Moves through the workflow live in :mod:`aarshjul.services.moves`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from aarshjul.context import Context
from aarshjul.dates.timeutil import local, local_date
from aarshjul.errors import InvalidInput, WorkflowRefused
from aarshjul.messages import translate
from aarshjul.services.audit_trail import record
from aarshjul.services.labels import resolve_kind
from aarshjul.services.people import find
from aarshjul.services.spawn_template import SpawnTemplate, read_spawn_template
from aarshjul.store.db import STREAM_BATCH, Database, rows
from aarshjul.store.models import ITEM_TEXTS, AuditEntry, Decision, Item, Person
from aarshjul.workflow import guards
from aarshjul.workflow.definitions import KINDS, WITHDRAWN, WorkflowDef
from aarshjul.workflow.machine import may, moves_from
from aarshjul.workflow.registry import Workflows

_REF = re.compile(r"^[1-9][0-9]{0,4}(\.[1-9][0-9]{0,4})*$")
#: What ``edit`` may change as text: the title and the item's text fields.
TEXT_FIELDS = ("title", *ITEM_TEXTS, "case_number")


def parse_ref(text: str) -> str:
    ref = text.strip()
    if not _REF.match(ref):
        raise InvalidInput("input.bad_ref", ref=text)
    return ref


def sort_key(ref: str) -> str:
    """A string that sorts like the numbers: 1.10 after 1.9."""
    return ".".join(f"{int(part):05d}" for part in ref.split("."))


def kind_for_depth(depth: int) -> str:
    return KINDS[min(depth, len(KINDS)) - 1]


@dataclass(frozen=True)
class AllowedMove:
    kind: str
    target: str
    label: str
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemView:
    ref: str
    title: str
    kind: str
    workflow: str
    workflow_version: int
    state: str
    state_label: str
    paused: bool
    owner: str | None
    owner_name: str | None
    parent: str | None
    version: int
    state_since: datetime
    consultation_until: date | None = None
    due: date | None = None
    description: str = ""
    succeskriterier: str = ""
    evaluering: str = ""
    tids_og_handleplan: str = ""
    tovholder: str = ""
    case_number: str = ""  # the ESDH sagsnr.
    allowed: tuple[AllowedMove, ...] = ()
    progress: tuple[int, int] | None = None  # (children done, children) when it has children
    decisions: tuple[dict[str, Any], ...] = field(default=())

    @property
    def depth(self) -> int:
        return self.ref.count(".") + 1


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: datetime
    actor: str
    action: str
    data: dict[str, Any]


def load_item(session: Session, ref: str) -> Item:
    item = session.scalars(select(Item).where(Item.ref == parse_ref(ref))).one_or_none()
    if item is None:
        raise InvalidInput("item.unknown", ref=ref)
    return item


@lru_cache(maxsize=256)
def structural_moves(defn: WorkflowDef, state: str, paused: bool,
                     lang: str) -> tuple[AllowedMove, ...]:
    """The moves the definition allows now, before asking any guard."""
    if paused:
        return (AllowedMove("resume", state, defn.state(state).label(lang)),
                *(AllowedMove("withdraw", m.target, defn.state(m.target).label(lang))
                  for m in moves_from(defn, state) if m.kind == "withdraw"))
    moves = [AllowedMove(m.kind, m.target, defn.state(m.target).label(lang))
             for m in moves_from(defn, state)]
    if not defn.state(state).terminal:
        moves.insert(len(moves) - 1, AllowedMove("pause", state, defn.state(state).label(lang)))
    return tuple(moves)


class Items:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    # -- registering -------------------------------------------------------------------------

    def add(self, title: str, *, ref: str | None = None, parent: str | None = None,
            kind: str | None = None, workflow: str | None = None, owner: str | None = None,
            due: date | None = None, texts: dict[str, str | None] | None = None) -> ItemView:
        """Register an item; ``texts`` holds the text fields (description, succeskriterier, …)."""
        with self.db.transaction() as s:
            item, defn = self.create(s, title, ref=ref, parent=parent, kind=kind,
                                     workflow=workflow, owner=owner, due=due, texts=texts)
            return self._view(s, item, defn, with_guards=False)

    def create(self, s: Session, title: str, *, ref: str | None = None,
               parent: str | None = None, kind: str | None = None,
               workflow: str | None = None, owner: str | None = None, due: date | None = None,
               texts: dict[str, str | None] | None = None) -> tuple[Item, WorkflowDef]:
        """``add`` within the caller's transaction (the spreadsheet import adds many at once)."""
        if not title.strip():
            raise InvalidInput("input.empty", what="TITLE")
        if kind is not None:
            kind = resolve_kind(kind, self.ctx.lang)
        parent_item = load_item(s, parent) if parent else None
        if ref is not None:
            ref = parse_ref(ref)
            prefix = ref.rpartition(".")[0]
            if parent_item is not None and prefix != parent_item.ref:
                raise InvalidInput("item.ref_parent", ref=ref, parent=parent_item.ref)
            if parent_item is None and prefix:
                parent_item = s.scalars(select(Item).where(Item.ref == prefix)).one_or_none()
                if parent_item is None:
                    raise InvalidInput("item.parent_missing", parent=prefix)
            taken = s.scalars(select(Item).where(Item.ref == ref)).one_or_none()
            if taken is not None:
                raise InvalidInput("item.ref_taken", ref=ref, title=taken.title)
        else:
            ref = self._next_ref(s, parent_item)
        kind = kind or kind_for_depth(ref.count(".") + 1)
        registry = Workflows(s)
        defn = registry.get(workflow) if workflow else registry.default_for_kind(kind)
        owner_row = find(s, owner) if owner else None
        item = Item(ref=ref, sort_key=sort_key(ref), parent=parent_item, kind=kind,
                    title=_clean("title", title), owner=owner_row, workflow_name=defn.name,
                    workflow_version=defn.version, state=defn.initial,
                    state_since=self.ctx.now, paused=False, created_at=self.ctx.now, due=due,
                    **{k: _clean(k, v) for k, v in (texts or {}).items()
                       if k in TEXT_FIELDS and v is not None})
        s.add(item)
        s.flush()
        record(s, self.ctx, "create", item=item,
               data={"title": item.title, "kind": kind, "workflow": defn.name,
                     "workflow_version": defn.version, "state": item.state,
                     "owner": owner_row.key if owner_row else None})
        return item, defn

    def _next_ref(self, s: Session, parent: Item | None) -> str:
        refs = s.scalars(select(Item.ref).where(
            Item.parent_id == parent.id if parent else Item.parent_id.is_(None)))
        last = max((int(r.rpartition(".")[2]) for r in refs), default=0)
        return f"{parent.ref}.{last + 1}" if parent else str(last + 1)

    def edit(self, ref: str, *, due: date | None = None, **changes: str | None) -> ItemView:
        with self.db.transaction() as s:
            item = load_item(s, ref)
            self.change(s, item, due=due, **changes)
            return self._view(s, item, Workflows(s).get(item.workflow_name,
                                                        item.workflow_version), with_guards=False)

    def change(self, s: Session, item: Item, *, due: date | None = None,
               **changes: str | None) -> dict[str, Any]:
        """``edit`` within the caller's transaction; returns what changed (after)."""
        wanted = {k: v for k, v in changes.items() if v is not None}
        if not wanted and due is None:
            raise InvalidInput("item.nothing_to_edit")
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        if due is not None:
            before["due"] = item.due.isoformat() if item.due else None
            after["due"] = due.isoformat()
            item.due = due
        for key, value in wanted.items():
            if key == "owner":
                person = find(s, value)
                before["owner"] = item.owner.key if item.owner else None
                after["owner"] = person.key
                item.owner = person
            elif key == "kind":
                value = resolve_kind(value, self.ctx.lang)
                before[key], after[key] = item.kind, value
                item.kind = value
            elif key in TEXT_FIELDS:
                if key == "title" and not value.strip():
                    raise InvalidInput("input.empty", what="--title")
                before[key], after[key] = getattr(item, key), _clean(key, value)
                setattr(item, key, after[key])
        record(s, self.ctx, "edit", item=item, data={"before": before, "after": after})
        s.flush()
        return after

    def spawn(self, ref: str, logins: Sequence[str], *, due: date | None = None,
              template: SpawnTemplate | None = None) -> list[ItemView]:
        """One handleplan per workplace leader under an item in a spawning state (udmøntning).

        Each starts with the template's texts, or else the parent's succeskriterier and
        evaluering, for the leader to adapt. A leader who already has a handleplan under the
        item is refused, so running the command twice cannot double the plans.
        """
        with self.db.transaction() as s:
            return [self._view(s, item, defn, with_guards=False)
                    for item, defn in self.spawn_in(s, ref, logins, due=due, template=template)]

    def spawn_in(self, s: Session, ref: str, logins: Sequence[str], *, due: date | None = None,
                 template: SpawnTemplate | None = None) -> list[tuple[Item, WorkflowDef]]:
        """``spawn`` within the caller's transaction (spawning and booking on each workplace's
        LMU commit together: :mod:`aarshjul.services.workplaces`)."""
        template = template or SpawnTemplate()
        logins = list(logins) or list(template.logins)
        due = due or template.due
        if not logins:
            raise InvalidInput("input.empty", what="--for")
        parent = load_item(s, ref)
        registry = Workflows(s)
        state = registry.get(parent.workflow_name, parent.workflow_version).state(parent.state)
        if not state.spawns:
            raise WorkflowRefused("item.cannot_spawn", ref=parent.ref,
                                  state=state.label(self.ctx.lang))
        plan = registry.default_for_kind("handlemaal")
        have = set(s.scalars(select(Person.login).join(Item, Item.owner_id == Person.id)
                             .where(Item.parent_id == parent.id,
                                    Item.workflow_name == plan.name)))
        twice = sorted(set(logins) & have)
        if twice:
            raise InvalidInput("item.already_spawned", ref=parent.ref, logins=", ".join(twice))
        created = []
        for login in dict.fromkeys(logins):
            person = find(s, login)
            values = {"parent": parent.title, "name": person.name, "role": person.role or ""}
            texts = {"succeskriterier": parent.succeskriterier,
                     "evaluering": parent.evaluering, "tovholder": person.role or ""}
            texts.update({k: v.format(**values) for k, v in template.texts.items()})
            created.append(self.create(
                s, template.title.format(**values), parent=parent.ref, kind="handlemaal",
                workflow=plan.name, owner=login, due=due, texts=dict(texts)))
        return created

    def view_in(self, s: Session, item: Item, defn: WorkflowDef) -> ItemView:
        """An item's view within the caller's transaction, without asking its guards."""
        return self._view(s, item, defn, with_guards=False)

    # -- reading ---------------------------------------------------------------------------

    def show(self, ref: str) -> ItemView:
        with self.db.transaction() as s:
            item = load_item(s, ref)
            defn = Workflows(s).get(item.workflow_name, item.workflow_version)
            return self._view(s, item, defn, with_guards=True)

    def query(self, *, state: str | None = None, owner: str | None = None,
             kind: str | None = None, workflow: str | None = None, under: str | None = None,
             paused: bool | None = None, case: str | None = None) -> list[ItemView]:
        return list(self.stream(state=state, owner=owner, kind=kind, workflow=workflow,
                                under=under, paused=paused, case=case))

    def stream(self, *, state: str | None = None, owner: str | None = None,
               kind: str | None = None, workflow: str | None = None, under: str | None = None,
               paused: bool | None = None, case: str | None = None) -> Iterator[ItemView]:
        """The items in number order, one at a time from a streamed query (a server-side cursor
        on PostgreSQL), so that a listing of a national data set is written as it is read
        (issue 19, point 2). The transaction stays open until the last one is taken. ``case``
        finds those whose sagsnr. contains it (any case)."""
        if kind is not None:
            kind = resolve_kind(kind, self.ctx.lang)
        with self.db.reading() as s:
            query = _list_query()
            if owner is not None:
                query = query.where(Item.owner_id == find(s, owner).id)
            if kind is not None:
                query = query.where(Item.kind == kind)
            if workflow is not None:
                query = query.where(Item.workflow_name == Workflows(s).get(workflow).name)
            if paused is not None:
                query = query.where(Item.paused.is_(paused))
            if case is not None:
                if not case.strip():
                    raise InvalidInput("input.empty", what="--case")
                query = query.where(func.lower(Item.case_number).contains(
                    case.strip().lower(), autoescape=True))
            if under is not None:
                root = load_item(s, under)
                query = query.where((Item.ref == root.ref) | Item.sort_key.startswith(
                    root.sort_key + "."))
            registry = Workflows(s)
            if state is not None and not any(d.find_state(state) for d in registry.latest()):
                raise InvalidInput("item.unknown_state_filter", state=state)
            progress = children_progress(s)
            with rows(s, query.execution_options(yield_per=STREAM_BATCH)) as found:
                for row in found:
                    view = self._row_view(registry, row, progress)
                    if state is None or _state_matches(registry, view, state):
                        yield view

    def any_case_number(self) -> bool:
        """Whether some item has an ESDH sagsnr.: ``item list`` shows the column only then."""
        with self.db.transaction() as s:
            return bool(s.scalar(select(exists().where(Item.case_number != ""))))

    def matching(self, *conditions: Any, limit: int | None = None) -> list[ItemView]:
        """The list's rows meeting SQL ``conditions``, in number order, at most ``limit``: two
        queries whatever the tree's size (:mod:`aarshjul.services.lookup` builds on it)."""
        with self.db.transaction() as s:
            query = _list_query().where(*conditions)
            found = list(rows(s, query if limit is None else query.limit(limit)))
            progress = children_progress(s, among=[row[0] for row in found])
            registry = Workflows(s)
            return [self._row_view(registry, row, progress) for row in found]

    def history(self, ref: str) -> list[HistoryEntry]:
        with self.db.transaction() as s:
            item = load_item(s, ref)
            rows = s.execute(
                select(AuditEntry, Person.name)
                .outerjoin(Person, Person.key == AuditEntry.actor_key)
                .where(AuditEntry.item_id == item.id).order_by(AuditEntry.id))
            entries = [(e, name or e.actor_key, json.loads(e.data)) for e, name in rows]
            # "X for Y": who acted for the actor (``--as``), by their current name.
            by = {k: n for k, n in s.execute(select(Person.key, Person.name).where(Person.key.in_(
                {d["by"] for _, _, d in entries if isinstance(d.get("by"), str)})))}
            return [HistoryEntry(id=e.id, at=e.at, action=e.action, data=data,
                                 actor=f"{by.get(data['by'], data['by'])} for {actor}"
                                 if isinstance(data.get("by"), str) else actor)
                    for e, actor, data in entries]

    def _row_view(self, registry: Workflows, row: Any,
                  progress: dict[int, tuple[int, int]]) -> ItemView:
        # Unpacked by position, in ``_list_query``'s column order: a listing builds thousands.
        (id_, ref, title, kind, workflow, workflow_version, state, paused, version, state_since,
         consultation_until, due, tovholder, case_number, owner_login, owner_name,
         parent_ref) = row
        defn = registry.get(workflow, workflow_version)
        lang = self.ctx.lang
        return ItemView(
            ref=ref, title=title, kind=kind, workflow=workflow,
            workflow_version=workflow_version, state=state,
            state_label=defn.state(state).label(lang), paused=paused,
            owner=owner_login, owner_name=owner_name, parent=parent_ref,
            version=version, state_since=state_since,
            consultation_until=consultation_until, due=due, tovholder=tovholder,
            case_number=case_number, allowed=structural_moves(defn, state, paused, lang),
            progress=progress.get(id_))

    def _view(self, s: Session, item: Item, defn: WorkflowDef, *, with_guards: bool) -> ItemView:
        lang = self.ctx.lang
        allowed = structural_moves(defn, item.state, item.paused, lang)
        decisions: tuple[dict[str, Any], ...] = ()
        if with_guards:
            allowed = _needs(s, item, defn, allowed, self.ctx.now, lang)
            decisions = tuple(
                {"at": d.decided_at, "from": d.from_state, "to": d.to_state, "text": d.text}
                for d in s.scalars(select(Decision).where(Decision.item_id == item.id)
                                   .order_by(Decision.id)))
        return ItemView(
            ref=item.ref, title=item.title, kind=item.kind, workflow=item.workflow_name,
            workflow_version=item.workflow_version, state=item.state,
            state_label=defn.state(item.state).label(lang), paused=item.paused,
            owner=item.owner.login if item.owner else None,
            owner_name=item.owner.name if item.owner else None,
            parent=item.parent.ref if item.parent else None, version=item.version,
            state_since=item.state_since, consultation_until=item.consultation_until,
            due=item.due, case_number=item.case_number, allowed=allowed, decisions=decisions,
            progress=children_progress(s, item.id).get(item.id),
            **{k: getattr(item, k) for k in ITEM_TEXTS})


def _needs(s: Session, item: Item, defn: WorkflowDef, allowed: tuple[AllowedMove, ...],
           now: datetime, lang: str) -> tuple[AllowedMove, ...]:
    """The moves with what each still needs: the machine is asked ``may_<trigger>`` for each
    (its conditions evaluate the exit guards, with no decision text given), and a move it would
    not take now lists the guards that are not met."""
    check = guards.Check(guards.GuardContext(session=s, item=item, state=defn.state(item.state),
                                             decision=None, today=local_date(now),
                                             clock=f"{local(now):%H:%M}"))
    listed = {(m.kind, m.target) for m in allowed}
    moves = [m for m in moves_from(defn, item.state) if (m.kind, m.target) in listed]
    allowed_now: dict[tuple[str, str], bool] = {
        (m.kind, m.target): ok for m, ok in may(defn, item.state, moves, check).items()}
    needs = tuple(translate(m.key, lang, **m.params) for m in check.missing.values())
    return tuple(m if allowed_now.get((m.kind, m.target), True) else
                 AllowedMove(m.kind, m.target, m.label, needs) for m in allowed)


def _list_query() -> Any:
    parent = aliased(Item)
    return (
        select(Item.id, Item.ref, Item.title, Item.kind, Item.workflow_name, Item.workflow_version,
               Item.state, Item.paused, Item.version, Item.state_since, Item.consultation_until,
               Item.due, Item.tovholder, Item.case_number, Person.login.label("owner_login"),
               Person.name.label("owner_name"),
               parent.ref.label("parent_ref"))
        .outerjoin(Person, Person.id == Item.owner_id)
        .outerjoin(parent, parent.id == Item.parent_id)
        .order_by(Item.sort_key)
    )


def children_progress(s: Session, parent_id: int | None = None, *,
                      among: Sequence[int] | None = None) -> dict[int, tuple[int, int]]:
    """(done, counted) direct children per parent; withdrawn children do not count.

    Done means a terminal state other than withdrawn (afsluttet, evalueret). One grouped query,
    so the tree of a national data set costs the same as one item's.
    """
    registry = Workflows(s)
    done_states = {st.key for d in registry.latest() for st in d.states
                   if st.terminal and st.key != WITHDRAWN}
    query = (select(Item.parent_id, Item.state, func.count(Item.id))
             .where(Item.parent_id.is_not(None), Item.state != WITHDRAWN)
             .group_by(Item.parent_id, Item.state))
    if parent_id is not None:
        query = query.where(Item.parent_id == parent_id)
    if among is not None:
        query = query.where(Item.parent_id.in_(among))
    found: dict[int, tuple[int, int]] = {}
    for parent, state, count in s.execute(query):
        assert parent is not None
        done, total = found.get(parent, (0, 0))
        found[parent] = (done + (count if state in done_states else 0), total + count)
    return found


def _state_matches(registry: Workflows, view: ItemView, wanted: str) -> bool:
    found = registry.get(view.workflow, view.workflow_version).find_state(wanted)
    return found is not None and found.key == view.state


def _clean(key: str, text: str) -> str:
    """Single-line fields keep no line breaks: they end up in mail subjects and file names."""
    if key in ("title", "tovholder", "case_number"):
        return " ".join(text.split())
    return text.strip()


__all__: Sequence[str] = ["AllowedMove", "HistoryEntry", "ItemView", "Items", "SpawnTemplate",
                          "parse_ref", "read_spawn_template"]
