"""What every response of the web view goes through: headers, caching of feeds, and the log.

The view is read-only and holds secrets in its paths (personal tokens), so: only GET and HEAD are
answered; every response carries a strict Content-Security-Policy (no scripts, no frames, and
forms may only send to this site: ``form-action 'self'`` lets the search form — method GET, so
it still writes nothing — reach its own page, and nothing a page holds be sent elsewhere),
``Referrer-Policy: no-referrer`` (a token never leaves in a Referer), ``nosniff`` and
``Cache-Control: private`` (no shared cache keeps a person's page or feed); the log line of a
request names the path with the token replaced by ``…``. A calendar feed gets a strong ETag (the
SHA-256 of its bytes) so that a calendar client polling every few minutes gets ``304 Not
Modified`` until something changed.
"""

from __future__ import annotations

import hashlib
import re

ALLOWED_METHODS = ("GET", "HEAD")

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; style-src 'self'; img-src 'self'; "
                                "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private",
}

ICS_TYPE = "text/calendar; charset=utf-8"

#: The first segment after /t/ or /kalender/ is a token, or whatever a client sent in its place.
_TOKEN_IN_PATH = re.compile(r"^/(t|kalender)/[^/.]*")


def redact(path: str) -> str:
    """The path without its token: ``/kalender/abc….ics`` → ``/kalender/….ics``."""
    return _TOKEN_IN_PATH.sub(lambda m: f"/{m.group(1)}/…", path)


def content_etag(data: bytes) -> str:
    """The entity tag of a body, unquoted (werkzeug quotes it): equal bytes, equal tag."""
    return hashlib.sha256(data).hexdigest()
