"""The words of the agenda document and the protocol, and the pieces every format shares:
a point's decision as the protocol says it, texts as paragraphs, the numbered bilag. Used by the
HTML/Markdown renderer (:mod:`aarshjul.reports.agenda`) and the Word one
(:mod:`aarshjul.reports.agenda_docx`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aarshjul.dates.formats import long_date
from aarshjul.dates.timeutil import local
from aarshjul.messages import translate
from aarshjul.services.agenda import AgendaView, BilagView, PointView


@dataclass(frozen=True)
class Labels:
    """The words of one document: its title and the headings, in one language."""

    lang: str
    minutes: bool

    def __call__(self, key: str, /, **params: object) -> str:
        return translate(f"agenda.doc.{key}", self.lang, **params)

    @property
    def title(self) -> str:
        return self("minutes" if self.minutes else "agenda")

    def kind(self, kind: str) -> str:
        return translate(f"agenda.kind.{kind}", self.lang)

    def when(self, moment: Any) -> str:
        moment = local(moment)
        return translate("words.date_at", self.lang, date=long_date(moment.date(), self.lang),
                         time=f"{moment:%H:%M}")

    def published(self, a: AgendaView) -> str:
        return self("published", when=self.when(a.published_at), version=a.version) \
            if a.published_at else ""

    def changed_note(self, a: AgendaView) -> str:
        if not a.changed or a.published_at is None:
            return ""
        return translate("agenda.changed_since", self.lang, version=a.version,
                         when=self.when(a.published_at))

    def removed_note(self, a: AgendaView) -> str:
        return translate("agenda.removed_since", self.lang, titles="; ".join(a.removed)) \
            if a.removed else ""

    def beslutning(self, p: PointView) -> str:
        """What the protocol says of a point: its recorded decision and text, else what
        ``advance --decision`` filed under this meeting."""
        if p.decision:
            label = translate(f"agenda.decision.{p.decision}", self.lang)
            return f"{label}: {p.beslutning}" if p.beslutning else label
        return "; ".join(p.decisions)


def paragraphs(text: str) -> list[list[str]]:
    """Text as paragraphs (split at blank lines) of lines."""
    blocks = [b for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return [[line.strip() for line in b.strip().splitlines()] for b in blocks]


def all_bilag(a: AgendaView) -> list[tuple[str, BilagView]]:
    """Every bilag, numbered by its point: ("3.1", bilag)."""
    return [(f"{p.number}.{n}", b) for p in a.points for n, b in enumerate(p.bilag, start=1)]
