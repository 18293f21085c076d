"""The agendas of a calendar feed's meetings, read a chunk of meetings at a time as the feed
writes its events (issue 19: a national feed's memory does not grow with its bookings)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.services.agenda import agenda_titles
from aarshjul.store.db import one_of
from aarshjul.store.models import Booking, Meeting

#: Bookings whose titles :class:`AgendaTitles` holds at a time (a meeting with more is read
#: whole, alone).
AGENDA_BATCH = 5000


class AgendaTitles(Mapping[str, list[str]]):
    """:func:`agenda_titles` for a calendar feed, read a chunk of meetings at a time.

    The meetings are cut, in their given order, into chunks of at most ``batch`` bookings (one
    count query); looking up a meeting's code reads its chunk's titles with
    :func:`agenda_titles` and drops the chunk before. Looked up in the given order, as the feed
    writes its events, every chunk is read once and only one is held: a national feed's memory
    does not grow with its bookings (issue 19). Any other order still gives the right titles.
    The session must stay open while it is read.
    """

    def __init__(self, s: Session, ctx: Context, meetings: Sequence[Meeting],
                 batch: int | None = None) -> None:
        self._s, self._ctx = s, ctx
        batch = AGENDA_BATCH if batch is None else batch
        counts: dict[int, int] = {}
        for wanted in one_of(s, Booking.meeting_id, [m.id for m in meetings]):
            counts.update((meeting_id, n) for meeting_id, n in s.execute(
                select(Booking.meeting_id, func.count()).where(wanted)
                .group_by(Booking.meeting_id)))
        self._chunks: list[list[Meeting]] = []
        self._chunk_of: dict[str, int] = {}
        held = 0
        for m in meetings:
            n = counts.get(m.id, 0)
            if not n:
                continue
            if not self._chunks or held + n > batch:
                self._chunks.append([])
                held = 0
            self._chunks[-1].append(m)
            held += n
            self._chunk_of[m.code] = len(self._chunks) - 1
        self._current = -1
        self._titles: dict[str, list[str]] = {}

    def __getitem__(self, code: str) -> list[str]:
        chunk = self._chunk_of[code]
        if chunk != self._current:
            self._titles = {}  # dropped before the next chunk is read
            self._titles = agenda_titles(self._s, self._ctx, self._chunks[chunk])
            self._current = chunk
        return self._titles[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._chunk_of)

    def __len__(self) -> int:
        return len(self._chunk_of)
