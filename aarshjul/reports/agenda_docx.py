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
from aarshjul.dates.timeutil import long_date
from aarshjul.reports.agenda_labels import Labels, all_bilag, paragraphs
from aarshjul.services.agenda import AgendaView, PointView


def safe_text(value: object) -> str:
    """Text Word's XML can hold (no control characters; see :func:`aarshjul.cells.clean`)."""
    return str(clean(str(value)))


def render_docx(a: AgendaView, labels: Labels) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = f"{labels.title} – {a.body_name} {long_date(a.date, labels.lang)}"
    doc.core_properties.language = "da-DK" if labels.lang == "da" else "en-GB"
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(labels.title, level=0)
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
    doc.add_heading(labels("contents"), level=1)
    for p in a.points:
        changed = f" ({labels('changed')})" if p.changed else ""
        doc.add_paragraph(safe_text(f"{p.number}. {p.title}{changed}"))
    for p in a.points:
        doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        _point(doc, p, labels)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading(labels("bilagsliste"), level=1)
    numbered = all_bilag(a)
    if not numbered:
        doc.add_paragraph(labels("none"))
    for number, b in numbered:
        where = f" – {b.location}" if b.is_link else ""
        doc.add_paragraph(safe_text(f"{labels('bilag')} {number}: {b.title}{where}"),
                          style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _point(doc: Any, p: PointView, labels: Labels) -> None:
    doc.add_heading(safe_text(f"{labels('point')} {p.number}. {p.title}"), level=1)
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
            doc.add_heading(labels(key), level=2)
            paras = paragraphs(text)
            if not paras:
                doc.add_paragraph(labels("none"))
            for para in paras:
                doc.add_paragraph(safe_text("\n".join(para)))
        if p.bilag:
            doc.add_heading(labels("bilag"), level=2)
            for n, b in enumerate(p.bilag, start=1):
                doc.add_paragraph(safe_text(f"{labels('bilag')} {p.number}.{n}: {b.title}"),
                                  style="List Bullet")
    decided = labels.beslutning(p)
    if (labels.minutes and not p.fixed) or decided:
        doc.add_heading(labels("beslutning"), level=2)
        doc.add_paragraph(safe_text(decided or labels("not_decided")))
