"""``report status --all-orgs``: the whole installation's status report, for its
administrators: every municipality's own report in one folder (``status-K751.html`` …) and an
overview page, ``index.html``, with each one's headline and a link to its report.

Each municipality's report stays its own — item numbers, meetings and logins are per
municipality, so one merged list would mix them up — and is written with that municipality's
settings (``[org.KEY]`` in the settings file), in the command's language, at the same moment.
One municipality is gathered, written and let go before the next: the memory is that of the
largest municipality, the time linear in the installation's items (issue 19).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from aarshjul.config import Config
from aarshjul.context import Context
from aarshjul.errors import InvalidInput
from aarshjul.files import write_atomically
from aarshjul.reports.render_status import render_overview
from aarshjul.reports.status import FORMATS, Reports
from aarshjul.reports.status_data import OrgStatus
from aarshjul.services.organisations import require_administrator
from aarshjul.store.db import Database
from aarshjul.store.models import Organisation
from aarshjul.store.scoping import ALL

#: The overview page's name in the folder.
OVERVIEW = "index.html"
#: The health buckets the overview counts, in the report's order.
BUCKETS = ("overdue", "at_risk", "on_track", "paused", "done")


def export_all(db: Database, ctx: Context, fmt: str, folder: str | Path | None, *,
               config_for: Callable[[str], Config],
               since: date | None = None) -> tuple[Path, int]:
    """Write every municipality's report and the overview into ``folder`` (default
    ``status-<today>``); the overview's path and the number of municipalities. Everything
    that can be refused — the format, who asks, the folder, each municipality's settings — is
    checked before a file is written."""
    if fmt not in FORMATS:
        raise InvalidInput("report.bad_format", format=fmt, known=", ".join(FORMATS))
    with db.reading(ALL) as s:
        require_administrator(s, ctx, "report status --all-orgs")
        orgs = s.execute(select(Organisation.id, Organisation.key, Organisation.name)
                         .order_by(Organisation.key)).all()
    target = Path(folder) if folder is not None else Path(f"status-{ctx.today.isoformat()}")
    if target.exists() and not target.is_dir():
        raise InvalidInput("report.all_orgs_folder", folder=str(target))
    configs = {key: config_for(key) for _, key, _ in orgs}
    if fmt == "pdf":
        from aarshjul.reports.render_status import require_weasyprint

        require_weasyprint()
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput("report.cannot_write", file=str(target),
                           reason=exc.strerror or str(exc)) from None
    rows = []
    for org_id, key, name in orgs:
        file = f"status-{key}.{fmt}"
        reports = Reports(db.seen_as(org_id, key), replace(ctx, config=configs[key]))
        written = reports.export(fmt, target / file, since=since)
        rows.append(OrgStatus(key, name, file, written.total, dict(written.health)))
    overview = target / OVERVIEW
    write_atomically(overview, render_overview(rows, BUCKETS, ctx.now, ctx.lang).encode("utf-8"),
                     error="report.cannot_write", file=str(overview))
    return overview, len(rows)
