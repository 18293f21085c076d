"""The library's front door: one object that holds the database and the acting context.

``App`` is what the command line (and any Python caller) uses::

    app = App("aarshjul.db", Context(actor="mette", now=now))
    app.moves.advance(["1.2"], decision="Godkendt")

Services are created on first use, so a command pays only for what it touches.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from aarshjul.context import Context
from aarshjul.store.db import Database, check_schema, upgrade

if TYPE_CHECKING:
    from aarshjul.notifications.agenda_mail import AgendaMail
    from aarshjul.notifications.outbox import Outbox
    from aarshjul.notifications.report_mail import ReportMail
    from aarshjul.reports.agenda import AgendaDocuments
    from aarshjul.reports.ics import CalendarExport
    from aarshjul.reports.status import Reports
    from aarshjul.services.agenda import Agenda
    from aarshjul.services.agenda_edit import AgendaEditor
    from aarshjul.services.agenda_minutes import Minutes
    from aarshjul.services.audit_trail import Audit
    from aarshjul.services.conversations import Conversations
    from aarshjul.services.deadlines import Deadlines
    from aarshjul.services.hoering import Hoering  # sagsgang: issue 15, points 4 and 5
    from aarshjul.services.indicators import Indicators
    from aarshjul.services.items import Items
    from aarshjul.services.meetings import Meetings
    from aarshjul.services.moves import Moves
    from aarshjul.services.organisations import Organisations
    from aarshjul.services.people import People
    from aarshjul.services.planning import Planner
    from aarshjul.services.spreadsheet import Spreadsheets
    from aarshjul.services.workflows import WorkflowLibrary
    from aarshjul.services.workplaces import Workplaces


class App:
    def __init__(self, db_url: str, ctx: Context, *, check: bool = True,
                 org: str | None = None) -> None:
        # ``org``: the organisation's key; None: the only one (store/organisations.py).
        self.db = Database(db_url, org=org)
        self.ctx = ctx
        if check:
            check_schema(self.db.engine)

    def at(self, ctx: Context) -> App:
        """The same database seen by another actor or at another time."""
        other = App.__new__(App)
        other.db, other.ctx = self.db, ctx
        return other

    @cached_property
    def organisations(self) -> Organisations:
        from aarshjul.services.organisations import Organisations

        return Organisations(self.db, self.ctx)

    @cached_property
    def people(self) -> People:
        from aarshjul.services.people import People

        return People(self.db, self.ctx)

    @cached_property
    def items(self) -> Items:
        from aarshjul.services.items import Items

        return Items(self.db, self.ctx)

    @cached_property
    def moves(self) -> Moves:
        from aarshjul.services.moves import Moves

        return Moves(self.db, self.ctx)

    @cached_property
    def meetings(self) -> Meetings:
        from aarshjul.services.meetings import Meetings

        return Meetings(self.db, self.ctx)

    @cached_property
    def outbox(self) -> Outbox:
        from aarshjul.notifications.outbox import Outbox

        return Outbox(self.db, self.ctx)

    @cached_property
    def report_mail(self) -> ReportMail:
        from aarshjul.notifications.report_mail import ReportMail

        return ReportMail(self.db, self.ctx)

    @cached_property
    def deadlines(self) -> Deadlines:
        from aarshjul.services.deadlines import Deadlines

        return Deadlines(self.db, self.ctx)

    @cached_property
    def calendar(self) -> CalendarExport:
        from aarshjul.reports.ics import CalendarExport

        return CalendarExport(self.db, self.ctx)

    @cached_property
    def reports(self) -> Reports:
        from aarshjul.reports.status import Reports

        return Reports(self.db, self.ctx)

    @cached_property
    def spreadsheets(self) -> Spreadsheets:
        from aarshjul.services.spreadsheet import Spreadsheets

        return Spreadsheets(self.db, self.ctx)

    @cached_property
    def indicators(self) -> Indicators:
        from aarshjul.services.indicators import Indicators

        return Indicators(self.db, self.ctx)

    @cached_property
    def conversations(self) -> Conversations:
        from aarshjul.services.conversations import Conversations

        return Conversations(self.db, self.ctx)

    # sagsgang (issue 15, points 4 and 5): høringsparter and svar; workplaces' own LMU
    @cached_property
    def hoering(self) -> Hoering:
        from aarshjul.services.hoering import Hoering

        return Hoering(self.db, self.ctx)

    @cached_property
    def workplaces(self) -> Workplaces:
        from aarshjul.services.workplaces import Workplaces

        return Workplaces(self.db, self.ctx)

    @cached_property
    def workflows(self) -> WorkflowLibrary:
        from aarshjul.services.workflows import WorkflowLibrary

        return WorkflowLibrary(self.db, self.ctx)

    @cached_property
    def audit(self) -> Audit:
        from aarshjul.services.audit_trail import Audit

        return Audit(self.db, self.ctx)

    @cached_property
    def planner(self) -> Planner:
        from aarshjul.services.planning import Planner

        return Planner(self.db, self.ctx)

    # -- the agenda (issue 16) ------------------------------------------------------------------

    @cached_property
    def agenda(self) -> Agenda:
        from aarshjul.services.agenda import Agenda

        return Agenda(self.db, self.ctx)

    @cached_property
    def agenda_editor(self) -> AgendaEditor:
        from aarshjul.services.agenda_edit import AgendaEditor

        return AgendaEditor(self.db, self.ctx)

    @cached_property
    def minutes(self) -> Minutes:
        from aarshjul.services.agenda_minutes import Minutes

        return Minutes(self.db, self.ctx)

    @cached_property
    def agenda_documents(self) -> AgendaDocuments:
        from aarshjul.reports.agenda import AgendaDocuments

        return AgendaDocuments(self.db, self.ctx)

    @cached_property
    def agenda_mail(self) -> AgendaMail:
        from aarshjul.notifications.agenda_mail import AgendaMail

        return AgendaMail(self.db, self.ctx)

    # -- database ------------------------------------------------------------------------------

    def init(self) -> str:
        """Create or upgrade the schema, store the shipped workflows, the first organisation if
        there is none, and the usual bodies of every organisation; return the database's URL
        (as shown, without a password)."""
        upgrade(self.db.engine)
        from aarshjul.services.meetings import ensure_default_bodies
        from aarshjul.services.organisations import ensure_one
        from aarshjul.store.scoping import ALL

        with self.db.transaction(ALL) as s:
            from aarshjul.workflow.registry import Workflows

            Workflows(s).ensure_shipped(self.ctx.now)
            orgs = ensure_one(s)
        for org in orgs:
            with self.db.transaction(org) as s:
                ensure_default_bodies(s)
        return self.db.url
