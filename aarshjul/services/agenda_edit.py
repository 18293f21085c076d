"""Writing a meeting's agenda: a point's texts and kind (``agenda edit``), its bilag
(``agenda attach``) and the order of the points (``agenda order``).

Each command is one transaction with one audit entry. A text may be given as the text itself or
as the path of a UTF-8 file holding it (the secretariat writes the sagsfremstilling in an
editor). A bilag is a link (http/https) or a file: kept where it is, or copied into
``[agenda] bilag_dir`` (one folder per meeting) when that is set, so the agenda does not depend
on a colleague's desktop.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sqlalchemy import select

from aarshjul.context import Context
from aarshjul.errors import InvalidInput
from aarshjul.services.agenda import (
    AgendaView,
    BilagView,
    PointView,
    agenda_view,
    check_kind,
    ensure_point,
    find_booking,
)
from aarshjul.services.audit_trail import record
from aarshjul.services.meetings import find_meeting
from aarshjul.store.db import Database
from aarshjul.store.models import AgendaAttachment, Booking

_LINK = re.compile(r"^https?://\S+$", re.IGNORECASE)
#: The texts of a point that ``agenda edit`` sets, by option.
TEXTS = ("sagsfremstilling", "indstilling", "okonomi")


def text_or_file(value: str, option: str) -> str:
    """``value`` itself, or the contents of the file it names (UTF-8)."""
    candidate = Path(value) if "\n" not in value and len(value) < 1024 else None
    if candidate is not None and candidate.is_file():
        try:
            return candidate.read_text(encoding="utf-8").strip()
        except UnicodeDecodeError:
            raise InvalidInput("agenda.file_not_utf8", option=option, file=value) from None
        except OSError as exc:
            raise InvalidInput("agenda.file_unreadable", option=option, file=value,
                               reason=exc.strerror or str(exc)) from None
    return value.strip()


class AgendaEditor:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def edit(self, code: str, ref: str, *, kind: str | None = None,
             texts: dict[str, str | None] | None = None) -> PointView:
        """Set a point's kind and texts (an empty text clears it); returns the point."""
        given = {k: v for k, v in (texts or {}).items() if v is not None}
        unknown = set(given) - set(TEXTS)
        if unknown:
            raise ValueError(f"unknown agenda texts: {sorted(unknown)}")
        new_kind = check_kind(kind) if kind is not None else None
        if new_kind is None and not given:
            raise InvalidInput("agenda.nothing_to_edit")
        read = {k: text_or_file(v, f"--{k}") for k, v in given.items()}
        with self.db.transaction() as s:
            meeting = find_meeting(s, code, open_only=True)
            booking = find_booking(s, meeting, ref)
            point = ensure_point(s, booking)
            before = {k: getattr(point, k) for k in (*TEXTS, "kind")}
            if new_kind is not None:
                point.kind = new_kind
            for key, value in read.items():
                setattr(point, key, value)
            after = {k: getattr(point, k) for k in (*TEXTS, "kind")}
            changed = sorted(k for k in after if after[k] != before[k])
            if changed:
                point.edited_at = self.ctx.now
                record(s, self.ctx, "agenda-edit", item=booking.item,
                       data={"meeting": meeting.code, "changed": changed})
            return _point_of(agenda_view(s, self.ctx, meeting), booking)

    def attach(self, code: str, ref: str, source: str, *, title: str | None = None) -> BilagView:
        """Add a bilag to a point: a link, or a file (copied if ``bilag_dir`` is set)."""
        source = source.strip()
        is_link = bool(_LINK.match(source))
        path = None if is_link else Path(source).expanduser()
        if path is not None and not path.is_file():
            raise InvalidInput("agenda.no_such_bilag", file=source)
        shown = " ".join((title or "").split()) or (source if path is None else path.name)
        with self.db.transaction() as s:
            meeting = find_meeting(s, code, open_only=True)
            booking = find_booking(s, meeting, ref)
            point = ensure_point(s, booking)
            location = source if path is None else self._keep(path, meeting.code)
            s.add(AgendaAttachment(point_id=point.id, title=shown, location=location,
                                   is_link=is_link, added_at=self.ctx.now))
            point.edited_at = self.ctx.now
            record(s, self.ctx, "agenda-attach", item=booking.item,
                   data={"meeting": meeting.code, "bilag": shown, "location": location})
            return BilagView(title=shown, location=location, is_link=is_link, missing=False)

    def detach(self, code: str, ref: str, which: str) -> BilagView:
        """Take a bilag off a point: ``which`` is its number on the agenda (``2.1``) or within
        the point (``1``). A copied file stays in ``bilag_dir``; the agenda no longer names it."""
        with self.db.transaction() as s:
            meeting = find_meeting(s, code, open_only=True)
            booking = find_booking(s, meeting, ref)
            point = ensure_point(s, booking)
            found = s.scalars(select(AgendaAttachment).where(
                AgendaAttachment.point_id == point.id).order_by(AgendaAttachment.id)).all()
            n = which.strip().rpartition(".")[2]
            if not n.isdigit() or not 1 <= int(n) <= len(found):
                raise InvalidInput("agenda.no_such_number", bilag=which, ref=booking.item.ref,
                                   count=len(found))
            gone = found[int(n) - 1]
            view = BilagView(title=gone.title, location=gone.location, is_link=gone.is_link,
                             missing=False)
            s.delete(gone)
            point.edited_at = self.ctx.now
            record(s, self.ctx, "agenda-detach", item=booking.item,
                   data={"meeting": meeting.code, "bilag": gone.title})
            return view

    def _keep(self, path: Path, meeting: str) -> str:
        """Where the file stays: copied into ``bilag_dir/<meeting>/`` (under a free name), or
        where it is, as an absolute path."""
        folder = self.ctx.config.agenda.bilag_dir
        if folder is None:
            return str(path.resolve())
        target_dir = Path(folder).expanduser() / meeting
        target = target_dir / path.name
        n = 2
        while target.exists():
            target = target_dir / f"{path.stem}-{n}{path.suffix}"
            n += 1
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        except OSError as exc:
            raise InvalidInput("agenda.cannot_copy", file=str(path), folder=str(target_dir),
                               reason=exc.strerror or str(exc)) from None
        return str(target.resolve())

    def order(self, code: str, refs: list[str]) -> AgendaView:
        """Put the named items first, in this order; the others keep their order after them."""
        with self.db.transaction() as s:
            meeting = find_meeting(s, code, open_only=True)
            chosen = [find_booking(s, meeting, ref) for ref in refs]
            ids = [b.id for b in chosen]
            if len(set(ids)) != len(ids):
                raise InvalidInput("agenda.order_twice")
            current = [p for p in agenda_view(s, self.ctx, meeting).points if not p.fixed]
            rest = [int(p.key[1:]) for p in current if int(p.key[1:]) not in ids]
            bookings = {b.id: b for b in s.scalars(
                select(Booking).where(Booking.meeting_id == meeting.id))}
            for position, booking_id in enumerate([*ids, *rest], start=1):
                point = ensure_point(s, bookings[booking_id])
                if point.position != position:
                    point.position = position
            record(s, self.ctx, "agenda-order",
                   data={"meeting": meeting.code,
                         "order": [bookings[i].item.ref for i in [*ids, *rest]]})
            s.flush()
            return agenda_view(s, self.ctx, meeting)


def _point_of(view: AgendaView, booking: Booking) -> PointView:
    return next(p for p in view.points if p.key == f"b{booking.id}")

