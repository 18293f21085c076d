"""The Flask application of ``aarshjul serve``: a person's deadlines and calendar feeds.

:func:`create_app` wires the routes over the services (``WebAccess``, ``Deadlines``,
``Meetings``, ``CalendarExport``); every rule lives there, not here. A person is identified by
the token in the path, or — when the server runs behind a single sign-on proxy — by the login in
a header that proxy sets (``trusted_header``). Whatever does not identify anyone gets a 404 that
says nothing about why, so a guessed token learns nothing. A context (actor, now, language) is
made per request by ``ctx_factory``, as each command makes one.

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
from werkzeug.exceptions import HTTPException

from aarshjul.context import Context
from aarshjul.dates.timeutil import long_date
from aarshjul.errors import AarshjulError, InvalidInput
from aarshjul.messages import translate
from aarshjul.reports.ics import CalendarExport
from aarshjul.services.deadlines import Deadlines
from aarshjul.services.meetings import Meetings
from aarshjul.services.people import PersonView
from aarshjul.services.web_access import WebAccess
from aarshjul.store.db import Database, check_schema
from aarshjul.web.http import ALLOWED_METHODS, ICS_TYPE, SECURITY_HEADERS, content_etag, redact

log = logging.getLogger("aarshjul.web")


class _Site(Flask):
    def log_exception(self, exc_info: Any) -> None:
        # Flask's own line names the full path, and the path may hold a token.
        log.error("%s %s: unhandled error", request.method, redact(request.path),
                  exc_info=exc_info)


def create_app(db_url: str, ctx_factory: Callable[[], Context], *,
               trusted_header: str | None = None) -> Flask:
    """The WSGI application; the database must exist at the current schema (``aarshjul init``)."""
    db = Database(db_url)
    check_schema(db.engine)
    site = _Site(__name__)
    site.extensions["aarshjul.db"] = db

    def page(template: str, ctx: Context, status: int = 200, **values: Any) -> Response:
        lang = ctx.lang

        def t(key: str, **params: Any) -> str:
            return translate(key, lang, **params)

        html = render_template(template, t=t, lang=lang,
                               day=lambda d: long_date(d, lang), **values)
        return Response(html, status=status, mimetype="text/html")

    def by_token(token: str, ctx: Context) -> PersonView:
        person = WebAccess(db, ctx).identify(token)
        if person is None:
            abort(404)
        return person

    def by_header(ctx: Context) -> PersonView | None:
        login = request.headers.get(trusted_header, "").strip() if trusted_header else ""
        return WebAccess(db, ctx).identify_login(login) if login else None

    def deadlines_page(person: PersonView, ctx: Context, token: str | None) -> Response:
        deadlines = Deadlines(db, ctx).due(owner=person.login)
        bodies = Meetings(db, ctx).bodies()
        names = {b.key: b.name for b in bodies}
        return page("deadlines.html", ctx, person=person, deadlines=deadlines, names=names,
                    bodies=bodies if token else [], token=token)

    def feed(token: str, *, owner: bool = False, body: str | None = None) -> Response:
        ctx = ctx_factory()
        person = by_token(token, ctx)
        stamp = (WebAccess(db, ctx).last_change() or ctx.now).replace(microsecond=0)
        data = CalendarExport(db, replace(ctx, now=stamp)).feed(
            owner=person.login if owner else None, body=body).data
        etag = content_etag(data)
        if request.if_none_match.contains_weak(etag):
            response = Response(status=304)
        else:
            response = Response(data, content_type=ICS_TYPE)
        response.set_etag(etag)
        response.last_modified = stamp
        return response

    @site.before_request
    def start() -> Response | None:
        g.started = time.perf_counter()
        if request.method not in ALLOWED_METHODS:
            ctx = ctx_factory()
            response = page("message.html", ctx, 405, message=translate("web.not_allowed",
                                                                          ctx.lang))
            response.headers["Allow"] = ", ".join(ALLOWED_METHODS)
            return response
        return None

    @site.after_request
    def finish(response: Response) -> Response:
        response.headers.update(SECURITY_HEADERS)
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info("%s %s %d %.1f ms", request.method, redact(request.path),
                 response.status_code, elapsed)
        return response

    @site.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        ctx = ctx_factory()
        key = {404: "web.not_found", 405: "web.not_allowed"}.get(exc.code or 500,
                                                                 "web.unavailable")
        response = page("message.html", ctx, exc.code or 500, message=translate(key, ctx.lang))
        if exc.code == 405:
            response.headers["Allow"] = ", ".join(ALLOWED_METHODS)
        return response

    @site.errorhandler(AarshjulError)
    def library_error(exc: AarshjulError) -> Response:
        # An unknown body in a feed's path, or a person renamed between two queries: not found.
        # Anything else (the database unreachable or busy): unavailable, say nothing more.
        ctx = ctx_factory()
        if isinstance(exc, InvalidInput):
            return page("message.html", ctx, 404, message=translate("web.not_found", ctx.lang))
        log.warning("%s %s: %s", request.method, redact(request.path), exc.key)
        return page("message.html", ctx, 503, message=translate("web.unavailable", ctx.lang))

    @site.get("/health")
    def health() -> Response:
        try:
            WebAccess(db, ctx_factory()).ping()
        except Exception as exc:
            log.warning("health check: the database does not answer: %s", type(exc).__name__)
            return Response("unavailable\n", status=503, mimetype="text/plain")
        return Response("ok\n", mimetype="text/plain")

    @site.get("/")
    def index() -> Any:
        ctx = ctx_factory()
        if by_header(ctx) is not None:
            return redirect(url_for("mine"))
        return page("hint.html", ctx)

    @site.get("/mine")
    def mine() -> Response:
        ctx = ctx_factory()
        if not trusted_header:
            abort(404)
        person = by_header(ctx)
        if person is None:
            return page("hint.html", ctx, 403)
        return deadlines_page(person, ctx, None)

    @site.get("/t/<token>/")
    def own_page(token: str) -> Response:
        ctx = ctx_factory()
        return deadlines_page(by_token(token, ctx), ctx, token)

    @site.get("/kalender/<token>.ics")
    def own_feed(token: str) -> Response:
        return feed(token, owner=True)

    @site.get("/kalender/<token>/aarshjul.ics")
    def wheel_feed(token: str) -> Response:
        return feed(token)

    @site.get("/kalender/<token>/organ/<body>.ics")
    def body_feed(token: str, body: str) -> Response:
        return feed(token, body=body)

    return site
