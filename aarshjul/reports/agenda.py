"""The agenda document (dagsorden) and the beslutningsprotokol, in the municipal layout.

One value (:class:`~aarshjul.services.agenda.AgendaView`) gives every format: Markdown and one
self-contained HTML page from the Jinja2 templates (``agenda.md``, ``agenda.html``), PDF from that
page with WeasyPrint, and Word (DOCX, the format the secretariat edits) with python-docx
(:mod:`aarshjul.reports.agenda_docx`). A front page with the meeting and the contents, one section
per punkt with Sagsfremstilling / Indstilling / Økonomi / Beslutning, and a bilagsliste. An agenda
edited after it was published says so on its front page and at each changed point.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aarshjul.context import Context
from aarshjul.dates.formats import long_date
from aarshjul.errors import InvalidInput
from aarshjul.files import write_atomically
from aarshjul.reports.agenda_labels import Labels, all_bilag, paragraphs
from aarshjul.reports.render_status import md_cell, render_pdf, report_env
from aarshjul.services.agenda import Agenda, AgendaView
from aarshjul.store.db import Database

if TYPE_CHECKING:
    pass

FORMATS = ("md", "html", "pdf", "docx")


def _context(a: AgendaView, labels: Labels, none: str) -> dict[str, Any]:
    def md_text(text: str) -> str:
        paras = paragraphs(text)
        if not paras:
            return none
        return "\n\n".join("  \n".join(md_cell(line) for line in p) for p in paras)

    return {"a": a, "lang": labels.lang, "minutes": labels.minutes,
            "doc_title": labels.title, "kind": labels.kind,
            "long_date": lambda d: long_date(d, labels.lang), "published": labels.published(a),
            "changed_note": labels.changed_note(a), "removed_note": labels.removed_note(a),
            "beslutning": labels.beslutning, "paras": paragraphs, "text": md_text,
            "bilag": all_bilag(a)}


def render_markdown(a: AgendaView, lang: str, *, minutes: bool = False) -> str:
    labels = Labels(lang, minutes)
    return report_env().get_template("agenda.md").render(_context(a, labels, labels("none")))


def render_html(a: AgendaView, lang: str, *, minutes: bool = False) -> str:
    """One self-contained page: inline CSS, no script, nothing fetched, printable on A4."""
    labels = Labels(lang, minutes)
    return report_env().get_template("agenda.html").render(_context(a, labels, labels("none")))


def render(a: AgendaView, fmt: str, lang: str, *, minutes: bool = False) -> bytes:
    if fmt == "md":
        return render_markdown(a, lang, minutes=minutes).encode("utf-8")
    if fmt == "html":
        return render_html(a, lang, minutes=minutes).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(render_html(a, lang, minutes=minutes))
    if fmt == "docx":
        from aarshjul.reports.agenda_docx import render_docx

        return render_docx(a, Labels(lang, minutes))
    raise InvalidInput("report.bad_format", format=fmt, known=", ".join(FORMATS))


def file_name(a: AgendaView, fmt: str, lang: str, *, minutes: bool = False) -> str:
    if minutes:
        stem = "beslutningsprotokol" if lang == "da" else "minutes"
    else:
        stem = "dagsorden" if lang == "da" else "agenda"
    return f"{stem}-{a.meeting}.{fmt}"


@dataclass(frozen=True)
class AgendaWritten:
    format: str
    path: Path | None = None
    text: str | None = None


class AgendaDocuments:
    """``meeting agenda`` and ``meeting minutes --format``: render and write the document."""

    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def export(self, code: str, fmt: str = "md", output: str | Path | None = None, *,
               minutes: bool = False) -> AgendaWritten:
        """Markdown without ``output`` is returned as text; any other format without it is
        written to ``dagsorden-<meeting>.<fmt>`` (or ``beslutningsprotokol-…``)."""
        if fmt not in FORMATS:
            raise InvalidInput("report.bad_format", format=fmt, known=", ".join(FORMATS))
        view = Agenda(self.db, self.ctx).show(code)
        lang = self.ctx.lang
        if fmt == "md" and output is None:
            return AgendaWritten(format=fmt, text=render_markdown(view, lang, minutes=minutes))
        data = render(view, fmt, lang, minutes=minutes)
        path = Path(output) if output is not None else Path(
            file_name(view, fmt, lang, minutes=minutes))
        write_atomically(path, data, error="agenda.cannot_write", file=str(path))
        return AgendaWritten(format=fmt, path=path)
