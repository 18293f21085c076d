"""Turning results into what the terminal shows: aligned text tables, or JSON with ``--json``.

Only the command line uses this. It imports nothing heavy, so that listing commands stay quick.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from aarshjul.dates.timeutil import local
from aarshjul.messages import translate


def fields_of(value: Any) -> dict[str, Any]:
    """A dataclass's fields as a dict, one level deep (the encoder converts what is inside)."""
    kind: type = type(value)
    return {name: getattr(value, name) for name in _field_names(kind)}


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    # ``dataclasses.fields`` builds a tuple of Field objects on every call: for a 10k listing
    # that was 40,000 calls, a tenth of the run.
    return tuple(f.name for f in dataclasses.fields(kind))


def _leaf(value: Any) -> Any:
    """What the JSON encoder calls for a value it does not know: one level at a time, so that
    nothing is converted before it is written."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return fields_of(value)
    if isinstance(value, datetime):
        return local(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2, default=_leaf)
# Without indentation the json module encodes in C; with it, in Python, several times slower.
_LINE = json.JSONEncoder(ensure_ascii=False, default=_leaf)


def dump(value: Any, write: Callable[[str], object]) -> None:
    """Write ``value`` as JSON in pieces, as it is encoded, and a final newline.

    A listing (a list) is written one element per line: ``item list --json`` on a national
    data set is 100,000 items, and converting them all first and then building one string
    held over a gigabyte, while indenting them made the encoding four times slower. One
    line per item is still one JSON document, and a line per item is what ``grep`` and a
    spreadsheet import want. Anything else is indented for reading.
    """
    if isinstance(value, Iterator):  # a stream (``item list``): written as it is read
        value = _peeked(value)
    if not isinstance(value, list | _Stream) or not value:
        pending: list[str] = []
        for chunk in _ENCODER.iterencode(value):
            pending.append(chunk)
            if len(pending) >= 8192:
                write("".join(pending))
                pending.clear()
        pending.append("\n")
        write("".join(pending))
        return
    elements = iter(value)
    lines = ["[\n" + _LINE.encode(next(elements))]
    for element in elements:
        if len(lines) == 500:
            write(",\n".join(lines) + ",\n")
            lines.clear()
        lines.append(_LINE.encode(element))
    write(",\n".join(lines) + "\n]\n")


def dumps(value: Any) -> str:
    return _ENCODER.encode(value)


def when(moment: datetime | None, lang: str = "da") -> str:
    """A moment in a table cell: ``15.12.2026 10:00`` (``15/12/2026 10:00`` in English)."""
    from aarshjul.dates.formats import short_moment

    return short_moment(moment, lang)


def labels(settings: Any) -> Any:
    """The labels of states, kinds, bodies and meetings, read once for this command."""
    from aarshjul.services.labels import read_labels

    with settings.app().db.transaction() as s:
        return read_labels(s, settings.lang)


class _Stream:
    """An iterator that knows whether it is empty (its first element taken ahead)."""

    def __init__(self, first: list[Any], rest: Iterator[Any]) -> None:
        self.first, self.rest = first, rest

    def __bool__(self) -> bool:
        return bool(self.first)

    def __iter__(self) -> Iterator[Any]:
        yield from self.first
        yield from self.rest


def _peeked(stream: Iterator[Any]) -> list[Any] | _Stream:
    first = next(stream, _EMPTY)
    return [] if first is _EMPTY else _Stream([first], stream)


_EMPTY = object()


def write_table(headers: Sequence[str], rows: Iterable[Sequence[Any]],
                write: Callable[[str], object]) -> None:
    """:func:`table`'s text and a final newline, for rows read once from a stream: each row's
    cells go to a temporary file while the column widths are found, and the lines are then
    written from it, so memory does not grow with the rows (issue 19, point 2)."""
    import tempfile

    widths = [len(str(h)) for h in headers]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        for r in rows:
            cells = ["" if c is None else str(c) for c in r]
            widths = [max(w, len(c)) for w, c in zip(widths, cells, strict=True)]
            spool.write(_LINE.encode(cells) + "\n")
        spool.seek(0)
        line = ("".join(f"{{:<{w}}}  " for w in widths[:-1]) + "{}").format
        pending = [line(*headers).rstrip(), "  ".join("-" * w for w in widths)]
        for text in spool:
            pending.append(line(*json.loads(text)).rstrip())
            if len(pending) >= 2000:
                write("\n".join(pending) + "\n")
                pending.clear()
        if pending:
            write("\n".join(pending) + "\n")


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A plain, aligned table; the last column is never padded (titles can be long)."""
    cells = [[str(h) for h in headers], *[["" if c is None else str(c) for c in r] for r in rows]]
    widths = [max(map(len, column)) for column in zip(*cells, strict=True)]
    # One format for every line: the padding is done in C (24,000 lines in a national scan).
    line = ("".join(f"{{:<{w}}}  " for w in widths[:-1]) + "{}").format
    return "\n".join([line(*cells[0]).rstrip(), "  ".join("-" * w for w in widths),
                      *(line(*r).rstrip() for r in cells[1:])])


class Text:
    """Translated UI words for one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **params: Any) -> str:
        return translate(key, self.lang, **params)


def item_text(view: Any, lang: str, names: Any = None) -> str:
    """``item show``: the item, where it stands, and what can happen next. ``names`` are the
    labels (:func:`labels`) for the states in its decisions."""
    from aarshjul.dates.formats import long_date
    from aarshjul.services.labels import kind_label

    t = Text(lang)
    state = view.state_label + (f" ({t('ui.paused')})" if view.paused else "")
    owner = f"{view.owner_name} ({view.owner})" if view.owner else t("ui.none")
    rows = [
        (t("ui.kind"), kind_label(view.kind, lang)),
        (t("ui.workflow"), f"{view.workflow} v{view.workflow_version}"),
        (t("ui.state"), f"{state}, {t('ui.since')} {when(view.state_since, lang)}"),
        (t("ui.owner"), owner),
    ]
    if view.parent:
        rows.append((t("ui.parent"), view.parent))
    if view.case_number:
        rows.append((t("ui.case_number"), view.case_number))
    if view.progress:
        rows.append((t("ui.progress"), t("ui.progress_value", done=view.progress[0],
                                          total=view.progress[1])))
    if view.consultation_until:
        rows.append((t("ui.consultation_until"), long_date(view.consultation_until, lang)))
    from aarshjul.store.models import ITEM_TEXTS  # loaded already: the item was just read

    for key in ITEM_TEXTS:
        value = getattr(view, key)
        if value:
            rows.append((t(f"ui.{key}"), value))
    width = max(len(label) for label, _ in rows) + 2
    lines = [f"{view.ref}  {view.title}", ""]
    for label, value in rows:
        head, *rest = str(value).splitlines() or [""]
        lines.append(f"{(label + ':').ljust(width)}{head}")
        lines += [" " * width + r for r in rest]
    lines += ["", t("ui.next_moves")]
    for move in view.allowed:
        target = f" → {move.label}" if move.kind in ("advance", "send-back", "withdraw") else ""
        lines.append(f"  {t('label.move.' + move.kind)}{target}")
        lines += [f"      {t('ui.missing')}: {need}" for need in move.needs]
    if view.decisions:
        state = names.state if names is not None else str
        lines += ["", t("ui.decisions")]
        lines += [f"  {when(d['at'], lang)}  {state(d['from'])} → {state(d['to'])}: {d['text']}"
                  for d in view.decisions]
    return "\n".join(lines)


def deadlines_text(found: Sequence[Any], lang: str, names: Any = None) -> str:
    if not found:
        return Text(lang)("ui.none")
    return table(*deadline_rows(found, lang, names))


def write_deadlines(found: Iterator[Any], lang: str, names: Any,
                    write: Callable[[str], object]) -> None:
    """:func:`deadlines_text` and a final newline, for deadlines read once from a stream
    (``Deadlines.stream``): written through :func:`write_table` (issue 19)."""
    peeked = _peeked(found)
    if not peeked:
        write(Text(lang)("ui.none") + "\n")
        return
    write_table(*deadline_rows(peeked, lang, names), write)


def deadline_rows(found: Iterable[Any], lang: str, names: Any = None
                  ) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """The deadline table's headers and its rows, one per deadline as they are taken."""
    from aarshjul.dates.formats import short_date

    t = Text(lang)

    def what(d: Any) -> str:
        """The meeting a deadline leads to, and what kind of deadline it is when not plain."""
        if not d.meeting:
            return t(f"deadline.{d.kind}")
        name = (str(names.meeting(d.meeting, body=d.body, day=d.meeting_date))
                if names is not None else str(d.meeting))
        if d.kind == "orientering":
            return f"{name} ({t('deadline.orientering')})"
        chained = getattr(d, "chained_from", None)
        if chained:
            body = names.body(chained) if names is not None else chained
            return f"{name} ({t('deadline.chained', body=body)})"
        return name

    return ([t("ui.due"), t("ui.left"), t("ui.ref"), t("ui.owner"), t("ui.meeting"),
             t("ui.title")],
            ((short_date(d.due, lang), d.working_days_left, d.ref, d.owner or "", what(d),
              d.title) for d in found))


def bookings_text(bookings: Sequence[Any], agendas: Sequence[Any], lang: str,
                  names: Any = None) -> str:
    """``item show``: the meetings the item is booked on, orientations marked as such, each with
    its point on that meeting's agenda and where the agenda stands (``Agenda.of_item``)."""
    from aarshjul.dates.formats import short_date

    if not bookings:
        return ""
    t = Text(lang)
    points: dict[str, list[Any]] = {}
    for a in agendas:
        points.setdefault(a.meeting, []).append(a)
    lines = ["", t("ui.bookings")]
    for b in bookings:
        state = names.state(b.state) if names is not None else b.state
        kind = t("ui.for_orientation") if b.orientation else state
        where = (names.meeting(b.meeting, body=b.body, day=b.meeting_date) if names is not None
                 else b.meeting)
        line = (f"  {where}  ({kind}), {t('ui.sagsfrist')} {short_date(b.deadline, lang)}"
                + (f", {t('ui.case_number').lower()} {b.case_number}" if b.case_number else "")
                + (f"  [{b.flagged}]" if b.flagged else ""))
        if points.get(b.meeting):
            line += "; " + _agenda_note(points[b.meeting].pop(0), t)
        lines.append(line)
    return "\n".join(lines)


def _agenda_note(a: Any, t: Text) -> str:
    """``punkt 2: åben for sager, mangler indstilling``: the point and what it still needs."""
    notes = [t(f"agenda.status.{a.status}")]
    if a.decision:
        notes.append(t(f"agenda.decision.{a.decision}"))
    if a.status in ("aaben", "lukket", "udsendt"):  # what is missing matters until then
        notes += [t(f"agenda.missing.{m}") for m in a.missing]
    if a.changed:
        notes.append(t("agenda.doc.changed"))
    return f"{t('agenda.doc.point').lower()} {a.number}: {', '.join(notes)}"


def indicators_text(indicators: Sequence[Any], lang: str) -> str:
    from aarshjul.dates.formats import quantity, short_date

    if not indicators:
        return ""
    t = Text(lang)
    lines = ["", t("ui.indicators")]
    for v in indicators:
        last = (f"{quantity(v.measurements[-1][1], v.unit, lang)} "
                f"({short_date(v.measurements[-1][0], lang)}), "
                f"{t('ui.expected')} {quantity(v.expected, v.unit, lang)}: "
                if v.measurements else "")
        lines.append(f"  {v.name}: {last}{t('indicator.' + v.status)}")
    return "\n".join(lines)
