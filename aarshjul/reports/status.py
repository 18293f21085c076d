"""The status report for a ledermøde: the service that gathers it and writes it in a format.

:class:`Reports` is what the command line calls (through ``App.reports``): it opens the
transaction for :func:`~aarshjul.reports.status_gather.gather`, draws the årshjul for the HTML
page, and picks the renderer for a format: Markdown, HTML and PDF in
:mod:`aarshjul.reports.render_status`, XLSX in :mod:`aarshjul.reports.xlsx`. It is the only
module that imports both renderers, so imports in ``reports/`` run one way: service → renderers
→ the value (:mod:`aarshjul.reports.status_data`). Mailing the report to a body's members is
:mod:`aarshjul.notifications.report_mail`.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from aarshjul.context import Context
from aarshjul.errors import InvalidInput
from aarshjul.files import write_atomically
from aarshjul.reports.render_status import (
    encoded,
    html_chunks,
    markdown_chunks,
    render_html,
    render_markdown,
    render_pdf,
    require_weasyprint,
)
from aarshjul.reports.status_data import DEFAULT_HORIZON_DAYS, StatusReport
from aarshjul.reports.status_gather import gather
from aarshjul.reports.xlsx import xlsx_bytes
from aarshjul.store.db import Database

FORMATS = ("md", "html", "xlsx", "pdf")


@dataclass(frozen=True)
class Written:
    """The report as written: a file, or (Markdown without ``-o``) the text itself."""

    format: str
    path: Path | None = None
    text: str | None = None
    #: The report's headline: its number of items and how many per health (``overdue`` …).
    total: int = 0
    health: tuple[tuple[str, int], ...] = ()


class Reports:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def status(self, *, since: date | None = None, for_meeting: str | None = None,
               owner: str | None = None, subtree: str | None = None,
               horizon_days: int = DEFAULT_HORIZON_DAYS) -> StatusReport:
        with self.db.reading() as s:
            return gather(s, self.ctx, since=since, for_meeting=for_meeting, owner=owner,
                          subtree=subtree, horizon_days=horizon_days)

    def wheel_svg(self) -> str:
        """The årshjul for the twelve months from this one, drawn in the report's language."""
        from aarshjul.reports.wheel import render_wheel
        from aarshjul.reports.wheel_data import wheel_data

        return render_wheel(wheel_data(self.db, self.ctx), self.ctx.lang)

    def wheel_file(self) -> IO[str]:
        """:meth:`wheel_svg` as the HTML page inlines it (no XML declaration), in an anonymous
        temporary file read from the start: the page copies it a block at a time."""
        from aarshjul.reports.wheel import write_wheel_svg
        from aarshjul.reports.wheel_data import wheel_data

        out = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        try:
            write_wheel_svg(wheel_data(self.db, self.ctx), self.ctx.lang, out)
            out.seek(0)
        except BaseException:
            out.close()
            raise
        return out

    def render(self, report: StatusReport, fmt: str) -> bytes:
        """The report as the bytes of a file in ``fmt`` (md, html, xlsx or pdf)."""
        if fmt == "md":
            return render_markdown(report).encode("utf-8")
        if fmt == "xlsx":
            return xlsx_bytes(report)
        if fmt not in FORMATS:
            raise InvalidInput("report.bad_format", format=fmt, known=", ".join(FORMATS))
        if fmt == "pdf":
            require_weasyprint()  # say what to install before drawing the wheel for nothing
        html = render_html(report, self.wheel_svg())
        return html.encode("utf-8") if fmt == "html" else render_pdf(html)

    def default_name(self, fmt: str) -> str:
        return f"status-{self.ctx.today.isoformat()}.{fmt}"

    def export(self, fmt: str = "md", output: str | Path | None = None, *,
               since: date | None = None, for_meeting: str | None = None,
               owner: str | None = None, subtree: str | None = None) -> Written:
        """``report status``: gather, render and write (Markdown without a file: the text).

        A binary or HTML report without ``output`` goes to ``status-<today>.<fmt>`` in the
        current folder, so it never floods a terminal. The file is replaced in one step.
        """
        if fmt not in FORMATS:
            raise InvalidInput("report.bad_format", format=fmt, known=", ".join(FORMATS))
        # The HTML page's wheel is drawn first, into a file: the drawing's peak and the
        # gathered report are never in memory together (issue 19).
        with (self.wheel_file() if fmt == "html" else contextlib.nullcontext()) as wheel:
            report = self.status(since=since, for_meeting=for_meeting, owner=owner,
                                 subtree=subtree)
            if fmt == "md" and output is None:
                return Written(format=fmt, text=render_markdown(report), total=report.total,
                               health=report.health)
            path = Path(output) if output is not None else Path(self.default_name(fmt))
            # Markdown and HTML go to the file as the template makes them (issue 19, point 2)
            data: bytes | Iterable[bytes] = (
                encoded(markdown_chunks(report)) if fmt == "md" else
                encoded(html_chunks(report, wheel)) if wheel is not None else
                self.render(report, fmt))
            write_atomically(path, data, error="report.cannot_write", file=str(path))
        return Written(format=fmt, path=path, total=report.total, health=report.health)
