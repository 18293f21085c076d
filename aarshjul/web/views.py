"""The Flask application of ``aarshjul serve``: a person's deadlines, calendar feeds and pages.

:func:`create_app` wires the routes over the services (``WebAccess``, ``Deadlines``,
``Meetings``, ``CalendarExport``); every rule lives there, not here. A person is identified by
the token in the path, or — when the server runs behind a single sign-on proxy — by the login in
a header that proxy sets (``trusted_header``). Whatever does not identify anyone gets a 404 that
says nothing about why, so a guessed token learns nothing. The shared pages (status report,
årshjul, meeting, item, search) are :mod:`aarshjul.web.pages`, wired here under both ways in.
A context (actor, now, language, the organisation's settings) is made per request by
``ctx_factory``, as each command makes one.

One process serves every organisation of the installation. A link's token names its
organisation (tokens are unique in the installation): each request looks that up, and only that,
across the installation (``WebAccess.organisation_of``, the deliberate ``ALL`` path), then runs
the rest in that organisation alone (``Database.seen_as``: each of its transactions is scoped to
it, and on PostgreSQL sets ``aarshjul.org`` to it). Started with ``--org`` the site serves that
organisation only: another one's links are a 404 like an unknown token. Behind a single sign-on
proxy a login names nobody until the organisation is known, so ``--trusted-header`` needs one
(``--org``, or the only one there is).

A calendar feed's DTSTAMP and ``Last-Modified`` are the time of the newest audit entry rather
than the request's: then the feed's bytes change only when the data does, and its ETag lets a
polling calendar client get ``304 Not Modified`` in between.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from flask import Flask, Response, abort, g, redirect, render_template, request, url_for
from sqlalchemy import Connection, event
from werkzeug.exceptions import HTTPException

from aarshjul.context import Context
from aarshjul.dates.formats import long_date, quantity
from aarshjul.errors import AarshjulError, InvalidInput
from aarshjul.messages import install_in, translate
from aarshjul.reports.ics import CalendarExport
from aarshjul.services.deadlines import Deadlines
from aarshjul.services.meetings import Meetings
from aarshjul.services.people import PersonView
from aarshjul.services.web_access import WebAccess
from aarshjul.store.db import READ_ONLY, Database, check_schema
from aarshjul.web.http import ALLOWED_METHODS, ICS_TYPE, SECURITY_HEADERS, content_etag, redact
from aarshjul.web.pages import PAGES, Pages, Where
from aarshjul.web.report_page import report_css

log = logging.getLogger("aarshjul.web")


class _Site(Flask):
    def log_exception(self, exc_info: Any) -> None:
        # Flask's own line names the full path, and the path may hold a token.
        log.error("%s %s: unhandled error", request.method, redact(request.path),
                  exc_info=exc_info)


#: What makes a request's context: given the organisation's key (None: no organisation yet,
#: or the one the site was started with), as each command makes one for its ``--org``.
ContextFactory = Callable[[str | None], Context]


class _Views:
    """The routes' bodies, over one database; :func:`create_app` wires them to URLs.

    ``home`` is the database seen as the organisation the site was started with (``--org``, or
    the only one behind a trusted header); None: every organisation, each request its link's.
    """

    def __init__(self, root: Database, home: Database | None, ctx_factory: ContextFactory,
                 trusted_header: str | None) -> None:
        self.root = root
        self.home = home
        self.ctx_factory = ctx_factory
        self.trusted_header = trusted_header

    @property
    def db(self) -> Database:
        """The database as this request's organisation: its link's, else the site's own."""
        db: Database | None = g.get("db") or self.home
        if db is None:  # a route that asks before it has a link: refuse, never guess
            raise RuntimeError("no organisation chosen for this request")
        return db

    def context(self) -> Context:
        """The request's context, in its organisation's settings once that is known."""
        return self.ctx_factory(g.get("org_key"))

    # -- helpers ------------------------------------------------------------------------------

    @staticmethod
    def text(lang: str) -> Callable[..., str]:
        def t(key: str, **params: Any) -> str:
            return translate(key, lang, **params)

        return t

    def page(self, template: str, ctx: Context, status: int = 200, **values: Any) -> Response:
        lang = ctx.lang
        values.setdefault("where", None)
        html = render_template(template, lang=lang,
                               day=lambda d: long_date(d, lang),
                               quantity=lambda v, unit: quantity(v, unit, lang), **values)
        return Response(html, status=status, mimetype="text/html")

    def message(self, status: int, key: str) -> Response:
        ctx = self.context()
        response = self.page("message.html", ctx, status, message=translate(key, ctx.lang))
        if status == 405:
            response.headers["Allow"] = ", ".join(ALLOWED_METHODS)
        return response

    def by_token(self, token: str) -> tuple[PersonView, Context]:
        """The token's person and the request's context, in the token's organisation, which
        the rest of the request then works in; a 404 for a token of no organisation served.

        A site of one organisation looks the token up in it alone, as before: another's token
        is not there to be found."""
        if self.home is None:
            found = WebAccess(self.root, self.ctx_factory(None)).organisation_of(token)
            if found is None:
                abort(404)
            org_id, g.org_key = found
            g.db = self.root.seen_as(org_id, g.org_key)
        ctx = self.context()
        person = WebAccess(self.db, ctx).identify(token)
        if person is None:
            # Revoked or forgotten: the very 404 of an unknown token, not in the language of
            # the organisation the token was found in, so it says nothing about where that was.
            g.pop("db", None)
            g.pop("org_key", None)
            abort(404)
        return person, ctx

    def by_header(self, ctx: Context) -> PersonView | None:
        header = self.trusted_header
        login = request.headers.get(header, "").strip() if header else ""
        return WebAccess(self.db, ctx).identify_login(login) if login else None

    def deadlines_page(self, person: PersonView, ctx: Context, token: str | None) -> Response:
        deadlines = Deadlines(self.db, ctx).due(owner=person.login)
        bodies = Meetings(self.db, ctx).bodies()
        names = {b.key: b.name for b in bodies}
        return self.page("deadlines.html", ctx, person=person, deadlines=deadlines,
                         names=names, bodies=bodies if token else [], token=token,
                         where=Where(token), current="own_page")

    def feed(self, token: str, *, owner: bool = False, body: str | None = None) -> Response:
        person, ctx = self.by_token(token)
        stamp = (WebAccess(self.db, ctx).last_change() or ctx.now).replace(microsecond=0)
        data = CalendarExport(self.db, replace(ctx, now=stamp)).feed(
            owner=person.login if owner else None, body=body).data
        etag = content_etag(data)
        if request.if_none_match.contains_weak(etag):
            response = Response(status=304)
        else:
            response = Response(data, content_type=ICS_TYPE)
        response.set_etag(etag)
        response.last_modified = stamp
        return response

    # -- every request ------------------------------------------------------------------------

    def start(self) -> Response | None:
        g.started = time.perf_counter()
        if request.method not in ALLOWED_METHODS:
            return self.message(405, "web.not_allowed")
        return None

    def finish(self, response: Response) -> Response:
        response.headers.update(SECURITY_HEADERS)
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info("%s %s %d %.1f ms", request.method, redact(request.path),
                 response.status_code, elapsed)
        return response

    def http_error(self, exc: HTTPException) -> Response:
        code = exc.code or 500
        return self.message(code, {404: "web.not_found", 405: "web.not_allowed"}.get(
            code, "web.unavailable"))

    def library_error(self, exc: AarshjulError) -> Response:
        # An unknown body in a feed's path, or a person renamed between two queries: not found.
        # Anything else (the database unreachable or busy): unavailable, say nothing more.
        if isinstance(exc, InvalidInput):
            return self.message(404, "web.not_found")
        log.warning("%s %s: %s", request.method, redact(request.path), exc.key)
        return self.message(503, "web.unavailable")

    # -- the routes ---------------------------------------------------------------------------

    def health(self) -> Response:
        try:
            WebAccess(self.root, self.context()).ping()
        except Exception as exc:
            log.warning("health check: the database does not answer: %s", type(exc).__name__)
            return Response("unavailable\n", status=503, mimetype="text/plain")
        return Response("ok\n", mimetype="text/plain")

    def index(self) -> Any:
        ctx = self.context()
        if self.by_header(ctx) is not None:
            return redirect(url_for("mine"))
        return self.page("hint.html", ctx)

    def mine(self) -> Response:
        ctx = self.context()
        if not self.trusted_header:
            abort(404)
        person = self.by_header(ctx)
        if person is None:
            return self.page("hint.html", ctx, 403)
        return self.deadlines_page(person, ctx, None)

    def own_page(self, token: str) -> Response:
        person, ctx = self.by_token(token)
        return self.deadlines_page(person, ctx, token)

    def own_feed(self, token: str) -> Response:
        return self.feed(token, owner=True)

    def wheel_feed(self, token: str) -> Response:
        return self.feed(token)

    def body_feed(self, token: str, body: str) -> Response:
        return self.feed(token, body=body)

    def report_css(self) -> Response:
        return Response(report_css(), mimetype="text/css")


def _reads_only(conn: Connection) -> None:
    """Every connection of the site only reads: on SQLite its transactions begin deferred, so
    under WAL a page neither waits for a writer (``scheduler run``, a command) nor holds up
    another page — with ``BEGIN IMMEDIATE`` concurrent status pages queued on the write lock
    and gave up after the busy timeout with a 503."""
    conn.execution_options(**{READ_ONLY: True})


def create_app(db_url: str, ctx_factory: ContextFactory, *,
               trusted_header: str | None = None, org: str | None = None) -> Flask:
    """The WSGI application; the database must exist at the current schema (``aarshjul init``).

    It serves every organisation's links, or only those of ``org`` (its key). Behind a trusted
    header it serves one organisation: ``org``, or the only one there is.
    """
    db = Database(db_url, org=org)
    home = None
    try:
        check_schema(db.engine)
        if org is not None or trusted_header:
            db.org_id  # noqa: B018 - unknown, or several and none chosen: refused now
            home = db
    except BaseException:
        db.dispose()
        raise
    event.listen(db.engine, "engine_connect", _reads_only)
    site = _Site(__name__)
    site.extensions["aarshjul.db"] = db
    install_in(site.jinja_env)
    views = _Views(db, home, ctx_factory, trusted_header)
    site.before_request(views.start)
    site.after_request(views.finish)
    site.register_error_handler(HTTPException, views.http_error)
    site.register_error_handler(AarshjulError, views.library_error)
    for rule, view in (("/health", views.health), ("/", views.index), ("/mine", views.mine),
                       ("/t/<token>/", views.own_page), ("/kalender/<token>.ics", views.own_feed),
                       ("/kalender/<token>/aarshjul.ics", views.wheel_feed),
                       ("/kalender/<token>/organ/<body>.ics", views.body_feed),
                       ("/rapport.css", views.report_css)):
        site.add_url_rule(rule, view.__name__, view, methods=["GET"])
    pages = Pages(views)
    for endpoint, path in PAGES:
        page = getattr(pages, endpoint)
        site.add_url_rule(f"/t/<token>{path}", endpoint, page, methods=["GET"])
        site.add_url_rule(f"/mine{path}", f"mine_{endpoint}", page, methods=["GET"])
    return site
