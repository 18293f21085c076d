"""A seeded, deterministic data generator for the benchmarks: one municipality or a national set.

``generate(url, items)`` creates the schema (``App.init``) and bulk-inserts, with SQLAlchemy Core
on SQLite and ``COPY`` on PostgreSQL, a realistic data set: per municipality its bodies, two years
of their meetings, people with managers, an item tree (strategi → indsatsområde → delmål →
handlemål → aktivitet) whose items stand in every state of ``strategiproces`` and ``handleplan``,
bookings on held and upcoming meetings with their sagsfrister (some overdue, most delivered or
left), decisions, consultation periods and due dates, and the audit trail of all of it as a valid
hash chain with its ``audit_head`` row, so ``aarshjul audit verify`` passes on the result. It goes
around the services on purpose: creating 100,000 items one command at a time would take hours.

Only ``random.Random(seed)`` is used, so a seed and a size always give the same data. Each
municipality is an organisation of its own (key ``K147``; the first one is the installation's
first organisation, renamed), with its own bodies under the keys the workflows name (``OMU``,
``BUU`` …), so every generated item can be advanced through its guards in its municipality
(``aarshjul --org K147 advance …``). On PostgreSQL it writes as a superuser, whom row-level
security does not stop (``COPY FROM`` is refused on a table whose policies apply).

Usage::

    python bench/generate.py --items 2000 --db /tmp/bench.db
    python bench/generate.py --items 100000 --db postgresql+psycopg://postgres@127.0.0.1/bench
    python bench/generate.py --items 0 --digest-owners 1000 --db /tmp/digests.db
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import random
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select, text, update

from aarshjul.app import App
from aarshjul.context import Context
from aarshjul.dates.timeutil import local_date, parse_datetime
from aarshjul.dates.workdays import WorkingCalendar
from aarshjul.services.items import sort_key
from aarshjul.services.meetings import DEFAULT_BODIES
from aarshjul.store.audit import GENESIS, canonical, entry_hash
from aarshjul.store.models import (
    AuditEntry,
    AuditHead,
    Body,
    Booking,
    Decision,
    Item,
    Meeting,
    Organisation,
    Person,
)
from aarshjul.workflow.definitions import WITHDRAWN, WorkflowDef, shipped

DEFAULT_NOW = "2027-03-01T10:00"
DEFAULT_SEED = 20270301
CHUNK = 10_000

#: The 98 Danish municipalities' numbers (kommunekoder); the top-level item ref of each one.
MUNICIPALITIES = (
    101, 147, 151, 153, 155, 157, 159, 161, 163, 165, 167, 169, 173, 175, 183, 185, 187, 190, 201,
    210, 217, 219, 223, 230, 240, 250, 253, 259, 260, 265, 269, 270, 306, 316, 320, 326, 329, 330,
    336, 340, 350, 360, 370, 376, 390, 400, 410, 420, 430, 440, 450, 461, 479, 480, 482, 492, 510,
    530, 540, 550, 561, 563, 573, 575, 580, 607, 615, 621, 630, 657, 661, 665, 671, 706, 707, 710,
    727, 730, 740, 741, 746, 751, 756, 760, 766, 773, 779, 787, 791, 810, 813, 820, 825, 840, 846,
    849, 851, 860,
)


def municipality_numbers(count: int) -> list[int]:
    """The first ``count`` numbers: the 98 kommunekoder, then 1001, 1002 … for a host that
    runs more organisations than Denmark has municipalities (the benchmarks' 1M set, where
    organisations keep the size they have at 10k)."""
    extra = max(0, count - len(MUNICIPALITIES))
    return [*MUNICIPALITIES[:count], *range(1001, 1001 + extra)]

#: Share of a municipality's items per depth (strategi, indsatsområde, delmål, handlemål); the
#: rest are aktiviteter. About half the items run the strategy process, half are handleplaner.
LEVEL_SHARES = (0.0, 0.02, 0.47, 0.35)

STRATEGY_WEIGHTS = {
    "droeftelse": 8, "kvalificering": 10, "godkendelse-omu": 7, "buu": 7, "hoering": 5,
    "oek": 5, "kb": 5, "udmoentning": 30, "afsluttet": 18, WITHDRAWN: 5,
}
PLAN_WEIGHTS = {"planlagt": 25, "i-gang": 40, "gennemfoert": 15, "evalueret": 15, WITHDRAWN: 5}

#: When each body meets: (week of the month or "biweekly", weekday, time).
SCHEDULE: dict[str, tuple[int | str, int, str]] = {
    "LEDERMOEDE": ("biweekly", 0, "09:00"),
    "OMU": (1, 1, "14:00"),
    "LMU": (1, 3, "14:00"),
    "BUU": (2, 2, "16:00"),
    "OEK": (3, 1, "15:00"),
    "KB": (4, 3, "19:00"),
}

FIRST_NAMES = ("Mette", "Jens", "Anne", "Peter", "Sara", "Ali", "Henrik", "Lone", "Morten",
               "Camilla", "Søren", "Pernille", "Lars", "Hanne", "Rasmus", "Ida", "Mads", "Julie",
               "Thomas", "Birgitte", "Kasper", "Louise", "Niels", "Tina", "Jakob", "Maja",
               "Frederik", "Signe", "Anders", "Zainab")
LAST_NAMES = ("Holm", "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen",
              "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Madsen", "Kristensen", "Olsen",
              "Thomsen", "Poulsen", "Johansen", "Møller", "Mortensen", "Iversen", "Østergaard",
              "Dahl", "Lund", "Kjær", "Bach")
PLACES = ("Skovvangskolen", "Bakkegården", "Engholm Børnehus", "Søndre Skole", "Ungdomsskolen",
          "Solstrålen", "Kirkebakkeskolen", "Fritidscenter Nord", "Dagplejen", "PPR",
          "Lindeskolen", "Børnehuset Mælkebøtten", "Rådhusskolen", "Klub Vesterbro",
          "Specialcenter Øst")
AREAS = ("Trivsel og fællesskab", "Læring og udvikling", "Sundhed og bevægelse", "Inklusion",
         "Forældresamarbejde", "Gode overgange", "Digital dannelse", "Tidlig indsats",
         "Sprog og læsning", "Uddannelse til alle", "Fritid og foreningsliv", "Natur og science")
WHO = ("Flere børn", "Alle unge", "Flere elever", "Alle 0-6-årige", "Flere familier",
       "Alle medarbejdere", "Flere drenge", "Sårbare børn")
WHAT = ("trives i skolen", "oplever et stærkt fællesskab", "læser alderssvarende",
        "deltager i fritidslivet", "gennemfører en ungdomsuddannelse", "bevæger sig dagligt",
        "får hjælp tidligt", "oplever en god overgang til skole", "har en god dialog med hjemmet")
ACTIVITIES = ("Temadag om", "Kursus i", "Forældremøde om", "Netværk om", "Sparring om",
              "Måling af", "Workshop om")
DECISIONS = ("Godkendt", "Godkendt med bemærkninger", "Godkendt; sendes videre",
             "Tiltrådt som indstillet")


@dataclass
class Stats:
    municipalities: int = 0
    items: int = 0
    people: int = 0
    bodies: int = 0
    meetings: int = 0
    bookings: int = 0
    open_bookings: int = 0
    overdue_bookings: int = 0
    decisions: int = 0
    due_dates: int = 0
    consultations: int = 0
    audit_entries: int = 0
    seconds: float = 0.0
    by_state: dict[str, int] = field(default_factory=dict)

    @property
    def deadlines(self) -> int:
        return self.bookings + self.due_dates + self.consultations

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "deadlines": self.deadlines}


@dataclass
class _Meetings:
    """One body's meetings in date order, for bisecting."""

    dates: list[date] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


@dataclass
class _Muni:
    number: int
    org: int  # the organisation's id
    bodies: dict[str, int]  # shipped body key → body id
    body_keys: dict[str, str]  # shipped body key → this municipality's body key
    meetings: dict[str, _Meetings]
    sek: str  # the secretariat's person key: the actor of its audit entries
    director: int
    heads: list[int]
    leaders: list[int]


class _Builder:
    """Accumulates the rows of every table and the audit events, in memory, then writes them."""

    def __init__(self, conn: Connection, seed: int, now: datetime) -> None:
        self.rng = random.Random(seed)
        self.now = now
        self.today = local_date(now)
        self.calendar = WorkingCalendar()
        self._deadline_cache: dict[tuple[date, int], date] = {}
        self.defs = {d.name: d for d in shipped()}
        self.rows: dict[str, list[dict[str, Any]]] = {
            t: [] for t in ("people", "bodies", "meetings", "items", "bookings", "decisions")}
        # (at, seq, actor key, item id, item ref, action, canonical data, organisation)
        self.events: list[tuple[datetime, int, str, int | None, str | None, str, str, int]] = []
        self.conn = conn
        self.first_org: int = conn.execute(select(Organisation.id)
                                           .order_by(Organisation.id)).scalars().first() or 0
        self.org = self.first_org  # the organisation being filled
        self.next_id = {t: (conn.scalar(select(func.max(m.id))) or 0) + 1 for t, m in (
            ("people", Person), ("bodies", Body), ("meetings", Meeting), ("items", Item),
            ("bookings", Booking), ("decisions", Decision))}
        self.shipped_bodies = {k: i for k, i in conn.execute(select(Body.key, Body.id))}
        self.person_keys: dict[int, str] = {}
        self.refs: dict[int, str] = {}
        self.sagsfrist = {key: days for key, _, days in DEFAULT_BODIES}
        self.keys_taken: set[str] = set(conn.scalars(select(Person.key)))
        self.stats = Stats()

    # -- small helpers ---------------------------------------------------------------------

    def new_id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def at(self, day: date) -> datetime:
        """A moment in office hours on ``day`` (UTC, whole seconds)."""
        return datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC) + timedelta(
            minutes=self.rng.randrange(0, 600))

    def event(self, at: datetime, actor: str, action: str, data: dict[str, Any],
              item_id: int | None = None, item_ref: str | None = None) -> None:
        # Never after "now": the trail refuses a command dated before its latest entry.
        self.events.append((min(at, self.now), len(self.events), actor, item_id, item_ref, action,
                            canonical(data), self.org))

    def deadline(self, day: date, days: int) -> date:
        key = (day, days)
        found = self._deadline_cache.get(key)
        if found is None:
            found = self._deadline_cache[key] = self.calendar.working_days_before(day, days)
        return found

    def days(self, low: int, high: int) -> timedelta:
        return timedelta(days=self.rng.randint(low, high))

    def person_key(self) -> str:
        while True:
            key = f"{self.rng.getrandbits(64):016x}"
            if key not in self.keys_taken:
                self.keys_taken.add(key)
                return key

    def add_person(self, login: str, role: str | None, manager: int | None, actor: str | None,
                   setup: date, email: bool = True) -> int:
        pid = self.new_id("people")
        key = self.person_key()
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
        self.rows["people"].append({
            "id": pid, "key": key, "login": login, "name": name,
            "email": f"{login}@kommune.example" if email else None, "role": role,
            "lang": "da", "manager_id": manager, "forgotten_at": None, "org_id": self.org})
        self.person_keys[pid] = key
        self.event(self.at(setup), actor or key, "person-add", {"person": key})
        self.stats.people += 1
        return pid

    # -- the årshjul -----------------------------------------------------------------------

    def organisation(self, index: int, number: int) -> int:
        """The municipality's organisation: the first one renamed, or a new one."""
        values = {"key": f"K{number}", "name": f"Kommune {number}"}
        if index == 0:
            self.conn.execute(update(Organisation).where(Organisation.id == self.first_org)
                              .values(**values))
            return self.first_org
        return int(self.conn.execute(insert(Organisation).values(**values)
                                     .returning(Organisation.id)).scalar_one())

    def municipality(self, index: int, number: int, start: date, end: date) -> _Muni:
        setup = start - timedelta(days=30)
        self.org = self.organisation(index, number)
        sek_id = self.add_person(f"k{number}-sek", "sekretariat", None, None, setup)
        sek = self.person_keys[sek_id]
        bodies: dict[str, int] = {}
        body_keys: dict[str, str] = {}
        for key, name, days in DEFAULT_BODIES:
            if index == 0 and key in self.shipped_bodies:
                bodies[key], body_keys[key] = self.shipped_bodies[key], key
                continue
            own = key  # the role the workflows name, this municipality's own body
            bid = self.new_id("bodies")
            self.rows["bodies"].append({"id": bid, "key": own, "name": f"{name}, kommune {number}",
                                        "deadline_days": days, "members": "",
                                        "org_id": self.org})
            self.event(self.at(setup), sek, "body-add", {"body": own, "deadline_days": days})
            bodies[key], body_keys[key] = bid, own
            self.stats.bodies += 1
        meetings = {key: self._meetings(index, bodies[key], body_keys[key], key, start, end, sek)
                    for key in bodies}
        director = self.add_person(f"k{number}-dir", "direktør", None, sek, setup)
        heads = [self.add_person(f"k{number}-cc{n}", "centerchef", director, sek, setup)
                 for n in range(1, 7)]
        return _Muni(number=number, org=self.org, bodies=bodies, body_keys=body_keys,
                     meetings=meetings, sek=sek, director=director, heads=heads, leaders=[])

    def _meetings(self, index: int, body_id: int, body_key: str, kind: str, start: date,
                  end: date, sek: str) -> _Meetings:
        week, weekday, at = SCHEDULE[kind]
        weekday = (weekday + index) % 5
        days: list[date] = []
        if week == "biweekly":
            day = start + timedelta(days=(weekday - start.weekday()) % 7)
            while day < end:
                days.append(day)
                day += timedelta(days=14)
        else:
            year, month = start.year, start.month
            while date(year, month, 1) < end:
                if month != 7:
                    first = date(year, month, 1)
                    day = first + timedelta(days=(weekday - first.weekday()) % 7
                                            + 7 * (int(week) - 1))
                    days.append(day)
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        found = _Meetings()
        for day in sorted({self.calendar.next_working_day(d) for d in days}):
            if not start <= day < end:
                continue
            mid = self.new_id("meetings")
            code = f"{body_key}-{day.isoformat()}"
            self.rows["meetings"].append({
                "id": mid, "code": code, "body_id": body_id, "date": day, "time": at,
                "place": "Rådhuset, mødelokale 2", "title": "", "cancelled": False,
                "org_id": self.org})
            self.event(self.at(start - timedelta(days=20)), sek, "meeting-add",
                       {"meeting": code})
            found.dates.append(day)
            found.ids.append(mid)
            found.codes.append(code)
            self.stats.meetings += 1
        return found

    # -- the item tree ---------------------------------------------------------------------

    def tree(self, muni: _Muni, quota: int) -> None:
        """``quota`` items under the municipality's strategy, breadth first (parents first)."""
        counts = [1]
        for share in LEVEL_SHARES[1:]:
            counts.append(max(1, round(quota * share)))
        counts.append(max(0, quota - sum(counts)))
        while sum(counts) > quota and len(counts) > 1:  # tiny quotas: trim from the bottom
            deepest = max(i for i, c in enumerate(counts) if c > 0)
            counts[deepest] -= 1
        if quota <= 0:
            return
        leaders = max(3, quota // 10)
        setup = min(m.dates[0] for m in muni.meetings.values()) - timedelta(days=25)
        muni.leaders = [
            self.add_person(f"k{muni.number}-leder{n}", "institutionsleder",
                            self.rng.choice(muni.heads), muni.sek, setup)
            for n in range(1, leaders + 1)]
        level: list[tuple[int, str]] = [(self._item(muni, None, str(muni.number), 1), "")]
        for depth, count in enumerate(counts[1:], start=2):
            if count <= 0 or not level:
                break
            children: dict[int, int] = {}
            parents = [self.rng.randrange(len(level)) for _ in range(count)]
            parents.sort()
            next_level = []
            for p in parents:
                parent_id, _ = level[p]
                children[p] = children.get(p, 0) + 1
                ref = f"{self.refs[parent_id]}.{children[p]}"
                next_level.append((self._item(muni, parent_id, ref, depth), ref))
            level = next_level

    def _item(self, muni: _Muni, parent: int | None, ref: str, depth: int) -> int:
        from aarshjul.services.items import kind_for_depth

        kind = kind_for_depth(depth)
        iid = self.new_id("items")
        self.refs[iid] = ref
        rng = self.rng
        if depth == 1:
            owner, title = muni.director, f"Børne- og ungestrategi 2026–2030, kommune {muni.number}"
        elif depth == 2:
            owner, title = rng.choice(muni.heads), rng.choice(AREAS)
        elif depth == 3:
            owner = rng.choice(muni.heads if rng.random() < 0.5 else muni.leaders)
            title = f"{rng.choice(WHO)} {rng.choice(WHAT)}"
        elif depth == 4:
            owner = rng.choice(muni.leaders)
            title = f"Handleplan: {rng.choice(WHO).lower()} {rng.choice(WHAT)}, " \
                    f"{rng.choice(PLACES)}"
        else:
            owner = rng.choice(muni.leaders)
            title = f"{rng.choice(ACTIVITIES)} {rng.choice(AREAS).lower()}"
        defn = self.defs["handleplan" if kind in ("handlemaal", "aktivitet") else
                         "strategiproces"]
        year = self.today.year + rng.randint(0, 2)
        row: dict[str, Any] = {
            "id": iid, "ref": ref, "sort_key": sort_key(ref), "parent_id": parent, "kind": kind,
            "title": title,
            "description": f"{title}. Indgår i kommunens børne- og ungestrategi og følges på "
                           "ledermøderne.",
            "owner_id": owner, "workflow_name": defn.name, "workflow_version": defn.version,
            "paused": False, "consultation_until": None, "due": None,
            "succeskriterier": f"Mindst {rng.randrange(60, 95)} % svarer positivt i "
                               f"trivselsmålingen inden udgangen af {year}.",
            "evaluering": "Den nationale trivselsmåling og dialog på personalemøder.",
            "tids_og_handleplan": f"Opstart i {rng.choice(('august', 'januar', 'marts'))}; "
                                  f"status hvert kvartal; evaluering i {year}.",
            "tovholder": rng.choice(PLACES) if depth >= 4 else "", "version": 1,
            "org_id": muni.org}
        if defn.name == "strategiproces":
            self._strategy(muni, row, defn, ref)
            if depth == 3 and rng.random() < 0.3:
                row["due"] = self.today + self.days(-30, 700)
        else:
            self._plan(muni, row, defn, ref)
            row["due"] = self.today + self.days(-45, 500)
        if row["due"] is not None:
            self.stats.due_dates += 1
        if row["consultation_until"] is not None:
            self.stats.consultations += 1
        self.rows["items"].append(row)
        self.stats.items += 1
        self.stats.by_state[row["state"]] = self.stats.by_state.get(row["state"], 0) + 1
        return iid

    def _pick(self, weights: dict[str, int]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def _created(self, muni: _Muni, row: dict[str, Any], defn: WorkflowDef, ref: str,
                 created: date) -> None:
        row["created_at"] = self.at(created)
        self.event(row["created_at"], muni.sek, "create", {
            "title": row["title"], "kind": row["kind"], "workflow": defn.name,
            "workflow_version": defn.version, "state": defn.initial,
            "owner": self.person_keys[row["owner_id"]]}, row["id"], ref)
        for _ in range(self.rng.randrange(0, 6)):
            span = max(1, (self.today - created).days)
            when = self.at(created + self.days(0, span))
            if when > self.now:
                continue
            self.event(when, muni.sek, "edit", {
                "before": {"tovholder": row["tovholder"]},
                "after": {"tovholder": self.rng.choice(PLACES)}}, row["id"], ref)

    def _finish(self, muni: _Muni, row: dict[str, Any], defn: WorkflowDef, ref: str, state: str,
                entered: date, withdrawn: bool, open_booking: dict[str, Any] | None) -> None:
        """The item's current state, and a withdrawal or a pause on top of it."""
        row["state"], row["state_since"] = state, self.at(entered)
        if row["state_since"] > self.now:
            row["state_since"] = self.now - timedelta(hours=1)
        if withdrawn:
            span = max(1, (self.today - entered).days)
            day = min(entered + self.days(1, span), self.today - timedelta(days=1))
            when = self.at(max(day, entered))
            row["state"], row["state_since"] = WITHDRAWN, when
            if open_booking is not None:
                open_booking["left_at"] = when
            self.event(when, muni.sek, "withdraw", {"from": state, "to": WITHDRAWN,
                                                   "reason": "Indgår i ny strategi"},
                       row["id"], ref)
            row["version"] += 1
        elif not defn.state(state).terminal and self.rng.random() < 0.03:
            row["paused"] = True
            when = min(row["state_since"] + timedelta(days=1), self.now - timedelta(minutes=30))
            self.event(when, muni.sek, "pause",
                       {"state": state, "reason": "Afventer budgetforhandlingerne"},
                       row["id"], ref)
            row["version"] += 1

    def _strategy(self, muni: _Muni, row: dict[str, Any], defn: WorkflowDef, ref: str) -> None:
        rng = self.rng
        line = [s.key for s in defn.main_line()]
        # The strategy itself is decided and being carried out; its parts are anywhere.
        target = "udmoentning" if row["kind"] == "strategi" else self._pick(STRATEGY_WEIGHTS)
        withdrawn = target == WITHDRAWN
        c = rng.randrange(0, 7) if withdrawn else line.index(target)
        here = defn.state(line[c])
        open_booking: dict[str, Any] | None = None
        if here.terminal:
            entered = self.today - self.days(5, 300)
        else:
            entered = self.today - self.days(1, 90)
            if here.body and (here.booking or rng.random() < 0.5):
                meetings = muni.meetings[here.body]
                upcoming = bisect.bisect_right(meetings.dates, self.today)
                if upcoming < len(meetings.dates) and (rng.random() >= 0.3 or upcoming == 0):
                    m = rng.randrange(upcoming, min(upcoming + 4, len(meetings.dates)))
                else:
                    m = upcoming - 1
                mdate = meetings.dates[m]
                if mdate <= self.today:
                    entered = min(entered, mdate - self.days(10, 30))
                booked = max(entered, mdate - self.days(20, 50))
                open_booking = self._booking(muni, row, ref, here.key, here.body, m, booked,
                                             left=None)
            if here.consultation:
                row["consultation_until"] = entered + timedelta(days=14)
        cursor = entered
        for j in range(c - 1, -1, -1):
            st = defn.state(line[j])
            leave = cursor
            start = leave - self.days(14, 60)
            meeting = None
            if st.body and (st.booking or rng.random() < 0.8):
                meetings = muni.meetings[st.body]
                m = bisect.bisect_right(meetings.dates, leave - timedelta(days=1)) - 1
                if m >= 0 and (leave - meetings.dates[m]).days <= 90:
                    mdate = meetings.dates[m]
                    booked = mdate - self.days(20, 50)
                    start = min(start, booked - self.days(0, 10))
                    self._booking(muni, row, ref, st.key, st.body, m, booked,
                                  left=self.at(leave))
                    meeting = meetings.ids[m]
            if st.consultation:
                start = leave - self.days(14, 21)
                row["consultation_until"] = start + timedelta(days=14)
            data: dict[str, Any] = {"from": st.key, "to": line[j + 1]}
            when = self.at(leave)
            if st.political:
                text_ = rng.choice(DECISIONS)
                data["decision"] = text_
                self.rows["decisions"].append({
                    "id": self.new_id("decisions"), "item_id": row["id"], "from_state": st.key,
                    "to_state": line[j + 1], "text": text_, "meeting_id": meeting,
                    "decided_at": when, "actor_key": muni.sek, "org_id": muni.org})
                self.stats.decisions += 1
            if defn.state(line[j + 1]).consultation:
                data["until"] = (leave + timedelta(days=14)).isoformat()
            self.event(when, muni.sek, "advance", data, row["id"], ref)
            row["version"] += 1
            cursor = start
        self._created(muni, row, defn, ref, cursor)
        self._finish(muni, row, defn, ref, line[c], entered, withdrawn, open_booking)

    def _booking(self, muni: _Muni, row: dict[str, Any], ref: str, state: str, body: str,
                 m: int, booked: date, left: datetime | None) -> dict[str, Any]:
        meetings = muni.meetings[body]
        mdate = meetings.dates[m]
        deadline = self.deadline(mdate, self.sagsfrist[body])
        created = self.at(min(booked, self.today))
        delivered: datetime | None = None
        if left is not None:
            if self.rng.random() < 0.9:
                delivered = self.at(max(booked + timedelta(days=1),
                                        deadline - self.days(0, 3)))
        elif deadline < self.today:
            if self.rng.random() < 0.85:
                delivered = self.at(max(booked, deadline - self.days(0, 3)))
        elif self.rng.random() < 0.1:
            delivered = self.at(min(self.today, max(booked, deadline - self.days(0, 5))))
        if delivered is not None and delivered > self.now:
            delivered = self.now - timedelta(hours=2)
        if delivered is not None and delivered < created:
            delivered = created + timedelta(minutes=5)
        booking = {"id": self.new_id("bookings"), "item_id": row["id"],
                   "meeting_id": meetings.ids[m], "state": state, "deadline": deadline,
                   "delivered_at": delivered, "left_at": left, "flagged": "",
                   "created_at": created, "org_id": muni.org}
        self.rows["bookings"].append(booking)
        code = meetings.codes[m]
        self.event(created, muni.sek, "book", {"meeting": code, "state": state,
                                               "deadline": deadline.isoformat()}, row["id"], ref)
        if delivered is not None:
            self.event(delivered, muni.sek, "deliver", {"meetings": [code]}, row["id"], ref)
        self.stats.bookings += 1
        if left is None and delivered is None:
            self.stats.open_bookings += 1
            if deadline < self.today:
                self.stats.overdue_bookings += 1
        return booking

    def _plan(self, muni: _Muni, row: dict[str, Any], defn: WorkflowDef, ref: str) -> None:
        line = [s.key for s in defn.main_line()]
        target = self._pick(PLAN_WEIGHTS)
        withdrawn = target == WITHDRAWN
        c = self.rng.randrange(0, 3) if withdrawn else line.index(target)
        entered = self.today - (self.days(5, 300) if defn.state(line[c]).terminal
                                else self.days(1, 200))
        cursor = entered
        for j in range(c - 1, -1, -1):
            self.event(self.at(cursor), muni.sek, "advance", {"from": line[j], "to": line[j + 1]},
                       row["id"], ref)
            row["version"] += 1
            cursor -= self.days(20, 120)
        self._created(muni, row, defn, ref, cursor)
        self._finish(muni, row, defn, ref, line[c], entered, withdrawn, None)

    # -- the digest scenario ---------------------------------------------------------------

    def digest_owners(self, owners: int) -> None:
        """One root strategy (done) and ``owners`` handlemål, each with its own owner, due today:
        one reminder per owner at ``now``, so one digest each."""
        setup = self.today - timedelta(days=60)
        self.org = self.organisation(0, MUNICIPALITIES[0])
        sek_id = self.add_person("sek", "sekretariat", None, None, setup)
        sek = self.person_keys[sek_id]
        muni = _Muni(number=1, org=self.org, bodies={}, body_keys={}, meetings={}, sek=sek,
                     director=sek_id, heads=[], leaders=[])
        strategy, plan = self.defs["strategiproces"], self.defs["handleplan"]
        root = self.new_id("items")
        base = {"description": "", "succeskriterier": "", "evaluering": "",
                "tids_og_handleplan": "", "tovholder": "", "paused": False,
                "consultation_until": None, "version": 1, "org_id": self.org}
        self.rows["items"].append({
            **base, "id": root, "ref": "1", "sort_key": sort_key("1"), "parent_id": None,
            "kind": "strategi", "title": "Børne- og ungestrategi", "owner_id": sek_id,
            "workflow_name": strategy.name, "workflow_version": strategy.version,
            "state": "afsluttet", "state_since": self.at(setup), "due": None,
            "created_at": self.at(setup)})
        self.event(self.at(setup), sek, "create", {"title": "Børne- og ungestrategi"}, root, "1")
        for n in range(1, owners + 1):
            pid = self.add_person(f"leder{n:04d}", "institutionsleder", None, sek, setup)
            iid, ref = self.new_id("items"), f"1.{n}"
            title = f"Handleplan: {self.rng.choice(WHO).lower()} {self.rng.choice(WHAT)}"
            self.rows["items"].append({
                **base, "id": iid, "ref": ref, "sort_key": sort_key(ref), "parent_id": root,
                "kind": "handlemaal", "title": title, "owner_id": pid,
                "workflow_name": plan.name, "workflow_version": plan.version, "state": "i-gang",
                "state_since": self.now - timedelta(days=3), "due": self.today,
                "created_at": self.at(setup)})
            self.event(self.at(setup), sek, "create", {"title": title}, iid, ref)
        self.stats.items += owners + 1
        self.stats.due_dates += owners
        self.stats.municipalities = 1
        del muni

    # -- writing ---------------------------------------------------------------------------

    def audit_rows(self) -> Iterator[dict[str, Any]]:
        """The events in time order as a hash chain; ``self.head`` is the chain's end after."""
        self.events.sort(key=lambda e: (e[0], e[1]))
        prev = GENESIS
        for n, (at, _, actor, item_id, item_ref, action, data, org) in enumerate(self.events, 1):
            digest = entry_hash(prev, n, at, actor, item_id, item_ref, action, data)
            yield {"id": n, "at": at, "actor_key": actor, "item_id": item_id,
                   "item_ref": item_ref, "action": action, "data": data, "prev_hash": prev,
                   "hash": digest, "org_id": org}
            prev = digest
        self.head = (len(self.events), prev)
        self.last_at = self.events[-1][0] if self.events else None

    head: tuple[int, str] = (0, GENESIS)
    last_at: datetime | None = None


def _chunks(rows: Iterable[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _write(conn: Connection, table: Table, rows: Iterable[dict[str, Any]]) -> int:
    """Bulk insert: ``COPY`` on PostgreSQL, Core executemany elsewhere."""
    written = 0
    if conn.dialect.name == "postgresql":
        columns: Sequence[str] | None = None
        raw = conn.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cur:
            copy_cm = None
            copy = None
            for row in rows:
                if columns is None:
                    columns = list(row)
                    names = ", ".join(f'"{c}"' for c in columns)
                    copy_cm = cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN')
                    copy = copy_cm.__enter__()
                assert copy is not None
                copy.write_row([v.replace(tzinfo=None) if isinstance(v, datetime) else v
                                 for v in row.values()])
                written += 1
            if copy_cm is not None:
                copy_cm.__exit__(None, None, None)
        return written
    for chunk in _chunks(rows):
        conn.execute(insert(table), chunk)
        written += len(chunk)
    return written


def _reset_sequences(conn: Connection, tables: Sequence[str]) -> None:
    """COPY with explicit ids leaves PostgreSQL's sequences behind: move them past the rows."""
    if conn.dialect.name != "postgresql":
        return
    for name in tables:
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 0) + 1 FROM \"{name}\"), false)"))


def generate(url: str, items: int, *, seed: int = DEFAULT_SEED, now: str = DEFAULT_NOW,
             municipalities: int | None = None, digest_owners: int = 0) -> Stats:
    """Create the schema at ``url`` and fill it; refuses a database that already has items."""
    started = time.perf_counter()
    moment = parse_datetime(now)
    app = App(url, Context(actor="bench", now=moment), check=False)
    app.init()
    engine = app.db.engine
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":  # every organisation's rows (0012)
                conn.execute(text("SELECT set_config('aarshjul.org', '*', true)"))
            if conn.scalar(select(func.count(Item.id))) or conn.scalar(
                    select(func.count(AuditEntry.id))):
                raise SystemExit(f"{url}: the database already has items or audit entries; "
                                 "the generator only fills an empty one")
            builder = _Builder(conn, seed, moment)
            if digest_owners:
                builder.digest_owners(digest_owners)
            if items:
                count = municipalities or (1 if items <= 2000 else
                                           min(len(MUNICIPALITIES), math.ceil(items / 1000)))
                count = max(1, min(count, items))
                builder.stats.municipalities = count
                start = date(builder.today.year - 1, builder.today.month, 1)
                end = date(start.year + 2, start.month, 1)
                for index, number in enumerate(municipality_numbers(count)):
                    muni = builder.municipality(index, number, start, end)
                    quota = items // count + (1 if index < items % count else 0)
                    builder.tree(muni, quota)
            tables = {"people": Person, "bodies": Body, "meetings": Meeting, "items": Item,
                      "bookings": Booking, "decisions": Decision}
            for name, model in tables.items():
                _write(conn, model.__table__, builder.rows[name])  # type: ignore[arg-type]
                builder.rows[name] = []
            builder.stats.audit_entries = _write(conn, AuditEntry.__table__,  # type: ignore[arg-type]
                                                 builder.audit_rows())
            last_id, last_hash = builder.head
            conn.execute(delete(AuditHead))
            conn.execute(insert(AuditHead.__table__).values(  # type: ignore[arg-type]
                id=1, last_id=last_id, last_hash=last_hash, count=last_id,
                last_at=builder.last_at))
            _reset_sequences(conn, [*tables, "audit_entries"])
        if engine.dialect.name == "postgresql":
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))
        stats = builder.stats
    finally:
        app.db.dispose()
    stats.seconds = round(time.perf_counter() - started, 2)
    return stats


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, required=True,
                        help="How many items (2000, 10000, 100000; 50 for a smoke test).")
    parser.add_argument("--db", required=True, help="A SQLite path or a SQLAlchemy URL.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--now", default=DEFAULT_NOW, help="The data's 'today' (ISO).")
    parser.add_argument("--municipalities", type=int,
                        help="Default: 1 up to 2,000 items, else one per 1,000 items up to the 98 "
                             "kommunekoder; more are numbered 1001, 1002 ….")
    parser.add_argument("--digest-owners", type=int, default=0,
                        help="Add this many owners, each with one deadline due at --now.")
    args = parser.parse_args(argv)
    stats = generate(args.db, args.items, seed=args.seed, now=args.now,
                     municipalities=args.municipalities, digest_owners=args.digest_owners)
    json.dump(stats.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
