"""A person's links into the web view, as ``person link`` prints them and the page shows them.

The paths here and the routes in :mod:`aarshjul.web.views` must agree; a test fetches every link
``person link`` prints. Body keys are quoted, since a key may hold letters outside ASCII.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Links:
    page: str
    mine_ics: str
    all_ics: str
    body_ics: str  # with ``{body}`` where the body's key goes


def person_links(base_url: str, token: str) -> Links:
    base = base_url.rstrip("/")
    return Links(page=f"{base}/t/{token}/",
                 mine_ics=f"{base}/kalender/{token}.ics",
                 all_ics=f"{base}/kalender/{token}/aarshjul.ics",
                 body_ics=f"{base}/kalender/{token}/organ/{{body}}.ics")


def body_link(links: Links, body: str) -> str:
    return links.body_ics.replace("{body}", quote(body, safe=""))
