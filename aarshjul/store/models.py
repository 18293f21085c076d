"""The database tables, as typed SQLAlchemy 2.x models.

Timestamps are stored as naive UTC (:class:`UTCDateTime`) and converted to Europe/Copenhagen only
for display and working-day arithmetic. Constraint names follow one naming convention so that
Alembic migrations stay stable. Items carry a version column for optimistic locking: a row that
changed under a command raises ``StaleDataError`` on flush, which the services turn into
:class:`~aarshjul.errors.Conflict`.

People are referred to from the audit trail by their opaque ``key``, never by name or login, so
that forgetting a person (GDPR) rewrites only the ``people`` row and leaves the hash chain intact.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime in Python, naive UTC in the database (on SQLite and PostgreSQL)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Organisation(Base):
    """A municipality (kommune): its people, bodies, meetings, items and everything hanging off
    them are its own (issue 19). A single-municipality installation has one, made by the
    migration, and never names it."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class OrgScoped:
    """A row owned by one organisation. Every ORM query of a session bound to an organisation
    sees only its rows and every new row is stamped with it (``store/scoping.py``); on
    PostgreSQL row-level security on ``org_id`` is the second wall."""

    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)


class Person(OrgScoped, Base):
    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("org_id", "login"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    login: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    role: Mapped[str | None] = mapped_column(String(100))
    lang: Mapped[str] = mapped_column(String(2), default="da")
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    workplace: Mapped[str | None] = mapped_column(String(60))  # the school, daycare, centre
    forgotten_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # torture (issue 20, point 11): what the person may do — sekretariat, leder, laeser;
    # None for a login seen only as an actor (see services/people.py, ``ACCESS``).
    access: Mapped[str | None] = mapped_column(String(20))

    manager: Mapped[Person | None] = relationship(remote_side=[id])


class WorkflowDefinition(Base):
    """Every version of every workflow ever used, so that an item keeps the one it started on."""

    __tablename__ = "workflow_definitions"
    __table_args__ = (UniqueConstraint("name", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    version: Mapped[int]
    source: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Item(OrgScoped, Base):
    __tablename__ = "items"
    __table_args__ = (Index("ix_items_owner_state", "owner_id", "state"),
                      Index("ix_items_state_since", "state_since"),
                      UniqueConstraint("org_id", "ref"))

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(50))
    sort_key: Mapped[str] = mapped_column(String(200), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    workflow_name: Mapped[str] = mapped_column(String(100))
    workflow_version: Mapped[int]
    state: Mapped[str] = mapped_column(String(100), index=True)
    state_since: Mapped[datetime] = mapped_column(UTCDateTime())
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    consultation_until: Mapped[date | None] = mapped_column(Date)
    due: Mapped[date | None] = mapped_column(Date, index=True)
    succeskriterier: Mapped[str] = mapped_column(Text, default="")
    evaluering: Mapped[str] = mapped_column(Text, default="")
    tids_og_handleplan: Mapped[str] = mapped_column(Text, default="")
    tovholder: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The case number in the municipality's ESDH system (Acadre/SBSYS/F2 "sagsnr."), free text.
    case_number: Mapped[str] = mapped_column(String(60), default="", server_default="",
                                             index=True)
    # torture (issue 20, point 1): when the command that last moved the item forward started,
    # by the real clock (not --now); a second advance started at the same moment is refused.
    stepped_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    owner: Mapped[Person | None] = relationship()
    parent: Mapped[Item | None] = relationship(remote_side=[id])

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own idiom


#: An item's free-text fields beside its title, in the order a strategy document shows them; the
#: one list that item views, edits, templates, the spreadsheet and the reports go by.
ITEM_TEXTS = ("description", "succeskriterier", "evaluering", "tids_og_handleplan", "tovholder")


class Decision(OrgScoped, Base):
    """What a body decided when an item left one of its states."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    from_state: Mapped[str] = mapped_column(String(100))
    to_state: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_key: Mapped[str] = mapped_column(String(32))


class Body(OrgScoped, Base):
    """A political or administrative body that meets (OMU, BUU, ØK, KB, ledermøde, LMU)."""

    __tablename__ = "bodies"
    __table_args__ = (UniqueConstraint("org_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The body's role in the workflows (OMU, BUU, OEK, KB …): unique within its organisation,
    #: so each municipality has its own BUU.
    key: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(200))
    deadline_days: Mapped[int | None]  # None: no sagsfrist (theme meetings, temamøder)
    members: Mapped[str] = mapped_column(Text, default="")  # person keys, space separated
    workplace: Mapped[str | None] = mapped_column(String(60), index=True)  # e.g. each LMU


class Meeting(OrgScoped, Base):
    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_body_date", "body_id", "date"),
                      UniqueConstraint("org_id", "code"))

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60))  # e.g. BUU-2027-09-12
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"))
    date: Mapped[date] = mapped_column(Date, index=True)
    time: Mapped[str | None] = mapped_column(String(5))
    place: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)

    body: Mapped[Body] = relationship()


class Booking(OrgScoped, Base):
    """An item booked on a meeting for one of its states; the deadline follows from the body."""

    __tablename__ = "bookings"
    __table_args__ = (UniqueConstraint("item_id", "meeting_id", "state"),
                      Index("ix_bookings_open", "left_at", "delivered_at", "deadline"))

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    state: Mapped[str] = mapped_column(String(100))
    deadline: Mapped[date] = mapped_column(Date, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when the item moves past the booked state: the deadline is then met (or moot).
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    flagged: Mapped[str] = mapped_column(String(200), default="")  # why the secretariat must look
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # On the agenda for information only: no state change, no decision, its own sagsfrist for
    # the material; ``state`` is the state the item was in when booked.
    orientation: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The ESDH sagsnr. of the case on this agenda when it is not the item's (a separate case
    # for the høring, say); empty: the item's case number stands.
    case_number: Mapped[str] = mapped_column(String(60), default="", server_default="")

    item: Mapped[Item] = relationship()
    meeting: Mapped[Meeting] = relationship()


class AuditEntry(OrgScoped, Base):
    """One append-only, hash-chained entry: ``hash = sha256(prev_hash + canonical content)``."""

    __tablename__ = "audit_entries"
    #: an organisation's entries by time (the report's window, a feed's last change) in place of
    #: OrgScoped's index on org_id alone
    __table_args__ = (Index("ix_audit_entries_org_at", "org_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_key: Mapped[str] = mapped_column(String(32))
    item_id: Mapped[int | None] = mapped_column(Integer, index=True)
    item_ref: Mapped[str | None] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(40))
    data: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))


class AuditHead(Base):
    """One row: the last entry's id and hash.

    Every append locks and updates this row in the same transaction, which serialises writers on
    PostgreSQL (SQLite serialises them already) and lets ``audit verify`` notice a deleted last
    entry, which no later entry would otherwise betray.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(default=0)
    #: The latest ``at`` in the chain: an entry dated before it is refused unless forced
    #: (issue 20, point 8).
    last_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class AuditCheckpoint(Base):
    """A point up to which ``audit verify`` found the chain intact: the next verify starts
    from the newest one whose entry still has this hash (issue 19, point 3)."""

    __tablename__ = "audit_checkpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, index=True)
    last_hash: Mapped[str] = mapped_column(String(64))
    #: The latest ``at`` up to ``last_id``, so that the time order is checked across checkpoints.
    max_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    verified_at: Mapped[datetime] = mapped_column(UTCDateTime())


class OutboxMessage(OrgScoped, Base):
    """One reminder to one person, recorded before anything is sent.

    ``key`` = deadline, rule and recipient: the unique idempotency key. A row goes
    pending → sending (claimed by one sender) → sent, or back to pending with a backoff after a
    temporary failure, or to failed after a permanent one. Rows of one recipient claimed together
    share a ``message_id``: that is the digest email.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(250), unique=True)
    recipient_key: Mapped[str] = mapped_column(String(32), index=True)
    email: Mapped[str | None] = mapped_column(String(320))
    lang: Mapped[str] = mapped_column(String(2))
    rule: Mapped[str] = mapped_column(String(40))
    deadline_key: Mapped[str] = mapped_column(String(100))
    item_ref: Mapped[str | None] = mapped_column(String(50))
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message_id: Mapped[str | None] = mapped_column(String(250), index=True)
    last_error: Mapped[str] = mapped_column(Text, default="")


class Indicator(OrgScoped, Base):
    """An indicator following an udviklingsmål: a baseline and a target for each year."""

    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("item_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(30), default="")
    direction: Mapped[str] = mapped_column(String(4), default="up")
    baseline_value: Mapped[float]
    baseline_year: Mapped[int]
    targets: Mapped[str] = mapped_column(Text)  # JSON: {"2027": 70.0, "2028": 80.0}
    cadence_months: Mapped[int] = mapped_column(default=12)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Measurement(OrgScoped, Base):
    """One value of an indicator on one date (a second on the same date replaces it)."""

    __tablename__ = "measurements"
    __table_args__ = (UniqueConstraint("indicator_id", "measured_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    value: Mapped[float]
    measured_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Conversation(OrgScoped, Base):
    """A workplace's yearly strategic conversation with its centre head or director."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("year", "leader_id"), UniqueConstraint("org_id", "code"))

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(120))  # SAMTALE-2027-sara
    year: Mapped[int]
    leader_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    with_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    plan_due: Mapped[date] = mapped_column(Date, index=True)
    plan_delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answers: Mapped[str] = mapped_column(Text, default="")  # JSON list, in question order
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    time: Mapped[str | None] = mapped_column(String(5))
    place: Mapped[str] = mapped_column(String(200), default="", server_default="")
    participants: Mapped[str] = mapped_column(Text, default="", server_default="")  # JSON list
    agenda: Mapped[str] = mapped_column(Text, default="", server_default="")  # JSON, in order
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    leader: Mapped[Person] = relationship(foreign_keys=[leader_id])
    counterpart: Mapped[Person | None] = relationship(foreign_keys=[with_id])


class HoeringParty(OrgScoped, Base):
    """A party heard in an item's høring, and its answer (høringssvar) once received."""

    __tablename__ = "hoering_parties"
    __table_args__ = (UniqueConstraint("item_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_on: Mapped[date | None] = mapped_column(Date)
    file: Mapped[str] = mapped_column(String(500), default="")
    link: Mapped[str] = mapped_column(String(1000), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class WebToken(OrgScoped, Base):
    """A personal link to the read-only web view (``person link``): only its SHA-256 is stored.

    The token itself is shown once, to the secretariat, and never kept: a stolen database does not
    open anyone's page. Revoking sets ``revoked_at``; the row stays as a record of the link.
    """

    __tablename__ = "web_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    person: Mapped[Person] = relationship()


# --- agenda (issue 16): the agenda point of a booking, its bilag, and each published version ---


class AgendaPoint(OrgScoped, Base):
    """A booking as a point on its meeting's agenda (dagsorden): created on first edit.

    ``position`` orders the points of one meeting (``agenda order``; None: after the ordered
    ones, by item number). ``decision`` is what the beslutningsprotokol recorded (a key of
    ``services.agenda.DECISIONS``, or "" before the meeting decided); ``beslutning`` its text.
    """

    __tablename__ = "agenda_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="CASCADE"),
                                            unique=True)
    position: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20), default="beslutning")
    sagsfremstilling: Mapped[str] = mapped_column(Text, default="")
    indstilling: Mapped[str] = mapped_column(Text, default="")
    okonomi: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(String(30), default="")
    beslutning: Mapped[str] = mapped_column(Text, default="")
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    booking: Mapped[Booking] = relationship()


class AgendaAttachment(OrgScoped, Base):
    """A bilag of an agenda point: a file (kept where it was, or copied into ``[agenda]
    bilag_dir``) or a link."""

    __tablename__ = "agenda_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("agenda_points.id", ondelete="CASCADE"),
                                          index=True)
    title: Mapped[str] = mapped_column(String(300))
    location: Mapped[str] = mapped_column(String(2000))
    is_link: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AgendaPublication(OrgScoped, Base):
    """One published (udsendt) version of a meeting's agenda: what it said, frozen."""

    __tablename__ = "agenda_publications"
    __table_args__ = (UniqueConstraint("meeting_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    version: Mapped[int]
    digest: Mapped[str] = mapped_column(String(64))
    snapshot: Mapped[str] = mapped_column(Text)  # JSON: {point key: point digest}
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
