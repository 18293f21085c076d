"""The pages a leader looks up: the status report, the årshjul, a body, a meeting, an item, a
search.

Each page is reached under the person's token (``/t/TOKEN/status``) or, behind a single sign-on
proxy, under ``/mine`` (``/mine/status``); :class:`Where` spells the links of the one the request
came by, so a page never mixes the two. These pages show the municipality's shared data (every
leader may see the årshjul, the agendas and the items); only *Mine frister* is personal, and it
stays in :mod:`aarshjul.web.views`. The bodies here only call the services and render; an
unknown meeting or item is the service's ``InvalidInput``, which the site answers with a 404.
Each page is a fixed handful of queries (:mod:`aarshjul.services.lookup`); the status report,
megabytes at national scale, is made once per change of the data and kept (:class:`RecentPages`).
"""

from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from flask import Response, abort, render_template, request, url_for

from aarshjul.dates.formats import long_date
from aarshjul.dates.timeutil import MONTHS
from aarshjul.errors import EnvironmentProblem
from aarshjul.reports.agenda import file_name
from aarshjul.reports.agenda import render as render_agenda
from aarshjul.reports.agenda_labels import Labels, paragraphs
from aarshjul.reports.render_status import render_html, require_weasyprint
from aarshjul.reports.status import Reports
from aarshjul.reports.wheel import render_wheel
from aarshjul.reports.wheel_data import wheel_data
from aarshjul.services.agenda import Agenda, BilagView
from aarshjul.services.body_names import ascii_key
from aarshjul.services.indicators import Indicators
from aarshjul.services.items import Items
from aarshjul.services.labels import history_line, read_labels
from aarshjul.services.lookup import Lookup
from aarshjul.services.meetings import Meetings, MeetingView
from aarshjul.services.workflows import WorkflowLibrary
from aarshjul.web.report_page import link_meetings, report_page
from aarshjul.workflow.definitions import WITHDRAWN

if TYPE_CHECKING:
    from collections.abc import Callable

    from aarshjul.context import Context
    from aarshjul.services.people import PersonView
    from aarshjul.store.db import Database

#: The pages, as (endpoint, path after /t/TOKEN or /mine); both prefixes get every page.
PAGES = (("status", "/status"), ("wheel", "/aarshjul"), ("meeting", "/moede/<meeting>"),
         ("agenda_document", "/moede/<meeting>/dagsorden.<fmt>"),
         ("body", "/organ/<body>"), ("item", "/punkt/<ref>"), ("search", "/soeg"))
#: The agenda document's downloads, by format: its content type (PDF only with WeasyPrint).
_DOCUMENTS = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
#: A body's page shows its meetings from a year back to two years ahead.
_BODY_PAST, _BODY_AHEAD = timedelta(days=365), timedelta(days=730)

#: Stands in for the token in a status page made once for every leader: secret, so that no
#: text in the data can spell it and have a visitor's token put into it.
_STAND_IN = secrets.token_urlsafe(32)
_WEB_LINK = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)
_MAX_QUERY = 200
_MAX_HITS = 200


class RecentPages:
    """The few most recently made pages by key (least recently used dropped), for the threads
    of one server: a status page at national scale is megabytes and seconds to make."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pages: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> str | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: Hashable, page: str) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)


class Site(Protocol):
    """What the pages use of the site's views (:class:`aarshjul.web.views._Views`)."""

    trusted_header: str | None

    @property
    def db(self) -> Database: ...

    def context(self) -> Context: ...

    def by_token(self, token: str) -> tuple[PersonView, Context]: ...

    def by_header(self, ctx: Context) -> PersonView | None: ...

    def page(self, template: str, ctx: Context, status: int = 200,
             **values: Any) -> Response: ...

    def text(self, lang: str) -> Callable[..., str]: ...


@dataclass(frozen=True)
class Where:
    """How the request identified the person: by ``token``, or by the trusted header (None)."""

    token: str | None

    def url(self, endpoint: str, **values: Any) -> str:
        if self.token is not None:
            return url_for(endpoint, token=self.token, **values)
        return url_for("mine" if endpoint == "own_page" else f"mine_{endpoint}", **values)


@lru_cache(maxsize=1)
def pdf_available() -> bool:
    """Whether WeasyPrint imports here: without it the page offers no PDF and there is none."""
    try:
        require_weasyprint()
    except EnvironmentProblem:
        return False
    return True


def web_link(bilag: BilagView) -> str | None:
    """The bilag's address when it is a web link, else None: a file on the server's disk is
    named by its title only, never linked or shown as a path."""
    return bilag.location if bilag.is_link and _WEB_LINK.match(bilag.location) else None


class Pages:
    """The route bodies of the shared pages, over the site's views."""

    def __init__(self, views: Site) -> None:
        self.views = views
        self.status_pages = RecentPages(4)

    @property
    def db(self) -> Database:
        """The database as the request's organisation (found by :meth:`enter`)."""
        return self.views.db

    def enter(self, token: str | None) -> tuple[Context, Where]:
        """The request's context and way in; a 404 (or the login hint) for anyone unknown."""
        views = self.views
        if token is not None:
            _person, ctx = views.by_token(token)
            return ctx, Where(token)
        ctx = views.context()
        if not views.trusted_header:
            abort(404)
        if views.by_header(ctx) is None:
            abort(views.page("hint.html", ctx, 403))
        return ctx, Where(None)

    def show(self, template: str, ctx: Context, where: Where, **values: Any) -> Response:
        return self.views.page(template, ctx, where=where, **values)

    # -- the routes ---------------------------------------------------------------------------

    def status(self, token: str | None = None) -> Response:
        ctx, where = self.enter(token)
        meeting = request.args.get("meeting", "").strip().upper() or None
        # The same page for every leader of the organisation but for the token in its links:
        # made once per organisation, change of the data (the newest audit entry) and minute
        # of the clock, with a secret stand-in
        # for the token, which each request then puts its own in place of.
        key = (self.db.org_id, Lookup(self.db, ctx).data_version(),
               ctx.now.replace(second=0, microsecond=0), meeting, ctx.lang, ctx.config,
               where.token is None)
        page = self.status_pages.get(key)
        if page is None:
            page = self._status_page(ctx, Where(_STAND_IN) if where.token else where, meeting)
            self.status_pages.put(key, page)
        if where.token is not None:
            page = page.replace(f"/t/{_STAND_IN}/", f"/t/{where.token}/")
        return Response(page, mimetype="text/html")

    def _status_page(self, ctx: Context, where: Where, meeting: str | None) -> str:
        reports = Reports(self.db, ctx)
        report = reports.status(for_meeting=meeting)
        wheel = link_meetings(reports.wheel_svg(),
                              lambda code: where.url("meeting", meeting=code))
        t = self.views.text(ctx.lang)
        nav = render_template("nav.html", where=where, current="status", lang=ctx.lang)
        groups: dict[str, list[MeetingView]] = {}
        for coming in Lookup(self.db, ctx).coming_meetings():
            groups.setdefault(coming.body_name, []).append(coming.meeting)
        choice = render_template(
            "status_choice.html", where=where, lang=ctx.lang, groups=list(groups.items()),
            selected=meeting, offered={m.id for ms in groups.values() for m in ms},
            day=lambda d: long_date(d, ctx.lang))
        return report_page(render_html(report, str(wheel)), url_for("report_css"),
                           url_for("static", filename="favicon.svg"), nav + choice,
                           t("web.skip"))

    def wheel(self, token: str | None = None) -> Response:
        ctx, where = self.enter(token)
        data = wheel_data(self.db, ctx)
        svg = link_meetings(render_wheel(data, ctx.lang),
                            lambda code: where.url("meeting", meeting=code))
        months: dict[tuple[int, int], list[tuple[Any, ...]]] = {}
        coming = sorted((m.day, ring.name, ring.key, m.code, m.cancelled, m.booked)
                        for ring in data.rings for m in ring.meetings if m.day >= data.today)
        for entry in coming:
            months.setdefault((entry[0].year, entry[0].month), []).append(entry)
        names = MONTHS["en" if ctx.lang == "en" else "da"]
        return self.show("wheel.html", ctx, where, current="wheel", svg=svg, names=names,
                         months=sorted(months.items()),
                         bodies=[(ring.key, ring.name) for ring in data.rings])

    def meeting(self, meeting: str, token: str | None = None) -> Response:
        ctx, where = self.enter(token)
        # The agenda holds the meeting's facts too: one look-up, a fixed handful of queries.
        agenda = Agenda(self.db, ctx).show(meeting)
        formats = [f for f in _DOCUMENTS if f != "pdf" or pdf_available()]
        return self.show("meeting.html", ctx, where, agenda=agenda, formats=formats,
                         labels=Labels(ctx.lang, False), web_link=web_link,
                         paragraphs=paragraphs)

    def agenda_document(self, meeting: str, fmt: str, token: str | None = None) -> Response:
        """The agenda document to download, as ``meeting agenda --format`` writes it."""
        ctx, _where = self.enter(token)
        if fmt not in _DOCUMENTS or (fmt == "pdf" and not pdf_available()):
            abort(404)
        agenda = Agenda(self.db, ctx).show(meeting)
        response = Response(render_agenda(agenda, fmt, ctx.lang), content_type=_DOCUMENTS[fmt])
        response.headers["Content-Disposition"] = (
            f'attachment; filename="{file_name(agenda, fmt, ctx.lang)}"')
        return response

    def body(self, body: str, token: str | None = None) -> Response:
        ctx, where = self.enter(token)
        service = Meetings(self.db, ctx)
        found = next((b for b in service.bodies() if b.key == ascii_key(body)), None)
        if found is None:
            abort(404)
        start, end = ctx.today - _BODY_PAST, ctx.today + _BODY_AHEAD
        meetings = service.query(body=found.key, start=start, end=end)
        return self.show("body.html", ctx, where, b=found, meetings=meetings, start=start,
                         end=end, today=ctx.today)

    def item(self, ref: str, token: str | None = None) -> Response:
        ctx, where = self.enter(token)
        items = Items(self.db, ctx)
        view = items.show(ref)
        meetings = Meetings(self.db, ctx)
        names = {b.key: b.name for b in meetings.bodies()}
        children = Lookup(self.db, ctx).children(view.ref)
        line = WorkflowLibrary(self.db, ctx).get(view.workflow, view.workflow_version)
        path = [(st.label(ctx.lang), st.key == view.state) for st in line.main_line()
                if st.key != WITHDRAWN]
        with self.db.transaction() as s:
            labels = read_labels(s, ctx.lang)
        history = [(e, history_line(e, labels)) for e in items.history(view.ref)]
        return self.show("item.html", ctx, where, item=view, history=history,
                         bookings=meetings.bookings(view.ref), names=names, children=children,
                         path=path, indicators=Indicators(self.db, ctx).query(view.ref))

    def search(self, token: str | None = None) -> Response:
        ctx, where = self.enter(token)
        query = " ".join(request.args.get("q", "").split())[:_MAX_QUERY]
        hits = Lookup(self.db, ctx).search(query, limit=_MAX_HITS)
        return self.show("search.html", ctx, where, current="search", query=query,
                         hits=hits.items, more=hits.more)
