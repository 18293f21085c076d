"""The agenda and the beslutningsprotokol as a Word document (DOCX), with python-docx.

The same layout as the HTML page (:mod:`aarshjul.reports.agenda`): a front page with the meeting
and the contents, one page per punkt with Word's own heading styles (so the secretariat's
navigation pane and table of contents work), and a bilagsliste. Every text goes in as a run, never
as markup, so a title like ``<b>`` stays text.
"""

from __future__ import annotations

import io
from typing import Any

from aarshjul.cells import clean
from aarshjul.dates.formats import long_date
from aarshjul.reports.agenda_labels import Labels, all_bilag, paragraphs
from aarshjul.services.agenda import AgendaView, PointView


def safe_text(value: object) -> str:
    """Text Word's XML can hold (no control characters; see :func:`aarshjul.cells.clean`)."""
    return str(clean(str(value)))


def _para(doc: Any, text: str = "", style: str | None = None) -> Any:
    """A paragraph with a style given by its id (``Heading1``): python-docx looks a style up
    by name with an XPath search on every call, 70 % of a 40-point agenda's time."""
    paragraph = doc.add_paragraph(safe_text(text) if text else "")
    if style is not None:
        paragraph._p.get_or_add_pPr().style = style
    return paragraph


def render_docx(a: AgendaView, labels: Labels) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = f"{labels.title} – {a.body_name} {long_date(a.date, labels.lang)}"
    doc.core_properties.language = "da-DK" if labels.lang == "da" else "en-GB"
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    _para(doc, labels.title, "Title")
    doc.add_paragraph(safe_text(a.body_name)).runs[0].font.size = Pt(16)
    facts = [(labels("meeting"), a.meeting), (labels("date"), long_date(a.date, labels.lang))]
    if a.time:
        facts.append((labels("time"), a.time))
    if a.place:
        facts.append((labels("place"), a.place))
    if a.published_at:
        facts.append((labels("status"), labels.published(a)))
    for label, value in facts:
        line = doc.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        line.add_run(safe_text(value))
    for note in (labels.changed_note(a), labels.removed_note(a)):
        if note:
            doc.add_paragraph().add_run(safe_text(note)).bold = True
    _para(doc, labels("contents"), "Heading1")
    for p in a.points:
        changed = f" ({labels('changed')})" if p.changed else ""
        _para(doc, f"{p.number}. {p.title}{changed}")
    _para(doc).add_run().add_break(WD_BREAK.PAGE)
    fresh_page = True
    for p in a.points:
        if not p.fixed and not fresh_page:  # a case on a page of its own; fixed points flow
            _para(doc).add_run().add_break(WD_BREAK.PAGE)
        _point(doc, p, labels)
        fresh_page = False
    _para(doc).add_run().add_break(WD_BREAK.PAGE)
    _para(doc, labels("bilagsliste"), "Heading1")
    numbered = all_bilag(a)
    if not numbered:
        _para(doc, labels("none"))
    for number, b in numbered:
        where = f" – {b.location}" if b.is_link else ""
        _para(doc, f"{labels('bilag')} {number}: {b.title}{where}", "ListBullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _point(doc: Any, p: PointView, labels: Labels) -> None:
    _para(doc, f"{labels('point')} {p.number}. {p.title}", "Heading1")
    if p.changed:
        doc.add_paragraph().add_run(labels("changed")).bold = True
    if not p.fixed:
        meta = [labels.kind(p.kind)]
        meta += [p.ref] if p.ref else []
        meta += [f"{labels('case')} {p.case_number}"] if p.case_number else []
        meta += [f"{labels('owner')}: {p.owner}"] if p.owner else []
        meta.append(p.booked_state)
        doc.add_paragraph().add_run(safe_text(" · ".join(meta))).italic = True
        for key, text in (("sagsfremstilling", p.sagsfremstilling),
                          ("indstilling", p.indstilling), ("okonomi", p.okonomi)):
            _para(doc, labels(key), "Heading2")
            paras = paragraphs(text)
            if not paras:
                _para(doc, labels("none"))
            for para in paras:
                _para(doc, "\n".join(para))
        if p.bilag:
            _para(doc, labels("bilag"), "Heading2")
            for n, b in enumerate(p.bilag, start=1):
                _para(doc, f"{labels('bilag')} {p.number}.{n}: {b.title}", "ListBullet")
    decided = labels.beslutning(p)
    if (labels.minutes and not p.fixed) or decided:
        _para(doc, labels("beslutning"), "Heading2")
        _para(doc, decided or labels("not_decided"))
