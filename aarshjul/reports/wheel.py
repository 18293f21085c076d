"""The årshjul wheel: twelve months of meetings and booked items drawn as one SVG picture.

:func:`render_wheel` is a pure function from :class:`~aarshjul.reports.wheel_data.WheelData` to
an SVG document (built with ElementTree, so every user text is escaped; no script, no external
fonts or images, no random ids, so the same data gives the same bytes); :func:`write_wheel`
gathers, draws and writes the file for ``report wheel``. The months form the outer ring, each
body's meetings lie on a ring of their own, an item's coming booking is a marker at its
sagsfrist with a line running on to the meeting, and a hand marks today. Twelve o'clock is the
first day of the window; angles are the share of the window's days that lie before a date.
Each layer of the picture is drawn by a function of its own, in the order they are stacked; the
drawing kit is :mod:`aarshjul.reports.wheel_svg` and the legend
:mod:`aarshjul.reports.wheel_legend`.
"""

from __future__ import annotations

import math
import tempfile
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from aarshjul.dates.formats import long_date
from aarshjul.dates.timeutil import MONTHS, add_months
from aarshjul.files import write_atomically
from aarshjul.messages import translate
from aarshjul.reports.wheel_data import Mark, Ring, RingMeeting, WheelData, angle_of, wheel_data
from aarshjul.reports.wheel_legend import draw_legend
from aarshjul.reports.wheel_svg import (
    CX,
    CY,
    HEIGHT,
    HUB,
    INK,
    MONTH_IN,
    MONTH_OUT,
    PALETTE,
    RING_IN,
    RING_OUT,
    RULE,
    TODAY_COLOUR,
    WIDTH,
    Box,
    Svg,
    arc,
    diamond,
    free_stretch,
    num,
    place_label,
    sector,
    text_width,
    xy,
)

if TYPE_CHECKING:
    from aarshjul.context import Context
    from aarshjul.store.db import Database

#: The bookings per meeting, (body, meeting code, meeting date) → its marks, in the data's order.
Groups = dict[tuple[str, str, date], list[Mark]]
#: A marker's label still to place: (ring radius, angle, text, the marks it names).
Label = tuple[float, float, str, list[Mark]]


def write_wheel(db: Database, ctx: Context, file: str | Path, *,
                start: date | None = None) -> Path:
    """Render the wheel in the context's language and write it (UTF-8); returns the path.

    The file is replaced in one step, so a wall screen that reloads it never shows half a file.
    """
    path = Path(file)
    data = wheel_data(db, ctx, start=start)
    # render_wheel's text, serialised into a temporary file and copied a block at a time: a
    # national wheel's text is never held whole (issue 19)
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as svg:
        svg.write(XML_DECLARATION)
        write_wheel_svg(data, ctx.lang, svg)
        svg.seek(0)
        write_atomically(path, (block.encode("utf-8")
                                for block in iter(lambda: svg.read(1 << 16), "")),
                         error="wheel.cannot_write", file=str(path))
    return path


XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def render_wheel(data: WheelData, lang: str = "da") -> str:
    """The wheel as an SVG document (UTF-8 text with an XML declaration)."""
    body = ET.tostring(_drawing(data, lang), encoding="unicode", short_empty_elements=True)
    return XML_DECLARATION + body + "\n"


def write_wheel_svg(data: WheelData, lang: str, out: TextIO) -> None:
    """:func:`render_wheel` without its XML declaration (the ``<svg>`` element and a newline,
    as the HTML report inlines it), written to ``out`` as it is serialised: a national wheel's
    text is never held whole (issue 19)."""
    ET.ElementTree(_drawing(data, lang)).write(out, encoding="unicode",
                                               short_empty_elements=True)
    out.write("\n")


def _drawing(data: WheelData, lang: str) -> ET.Element:
    """The wheel's ``<svg>`` element, indented."""
    w = _Wheel(data, "en" if lang == "en" else "da")
    title = data.title or w.t("wheel.title")
    period = _period(data, w.lang)
    _heading(w, title, period)
    _months(w)
    _rings(w)
    _leads(w)
    _hand(w)
    _meetings(w)
    labels = _bookings(w)
    labels_g = w.svg.group(class_="labels", font_weight="700", stroke="#FFFFFF",
                           stroke_width=3.5, stroke_linejoin="round", paint_order="stroke")
    for ring in data.rings:
        _ring_label(w, labels_g, ring)
    _ref_labels(w, labels_g, labels)
    _hub(w.svg, data)
    draw_legend(w.svg, data, w.lang, title, period, w.colour, w.t)
    ET.indent(w.svg.root, space=" ")
    return w.svg.root


class _Wheel:
    """One drawing in progress: the data, the layout that follows from it, and the boxes
    already taken (``obstacles``), which the labels drawn last keep clear of."""

    def __init__(self, data: WheelData, lang: str) -> None:
        self.data = data
        self.lang = lang
        self.svg = Svg(lang)
        self.in_window = data.year_start <= data.today < data.year_end
        self.today_angle = angle_of(data, data.today)
        # The rings: one per body, outermost first.
        n = self.n = len(data.rings)
        spacing = self.spacing = (RING_OUT - RING_IN) / (n - 1) if n > 1 else 0.0
        self.radius = {r.key: (RING_OUT - i * spacing if n > 1 else (RING_IN + RING_OUT) / 2)
                       for i, r in enumerate(data.rings)}
        self.colour = {r.key: PALETTE[i % len(PALETTE)] for i, r in enumerate(data.rings)}
        self.dot = min(10.0, spacing * 0.3) if n > 1 else 10.0
        self.groups: Groups = {}
        for mark in data.bookings:
            if mark.body in self.radius:
                key = (mark.body, mark.meeting, mark.meeting_date)
                self.groups.setdefault(key, []).append(mark)
        self.obstacles: list[Box] = []

    def t(self, message: str, /, **params: object) -> str:
        return translate(message, self.lang, **params)

    def angle(self, day: date) -> float:
        """Where ``day`` lies on the wheel, kept within the window."""
        return min(max(angle_of(self.data, day), 0.0), 360.0)

    def lead(self, marks: list[Mark], meeting_day: date) -> tuple[float, float]:
        """The angles a meeting's bookings run between: the first sagsfrist, the meeting."""
        return self.angle(min(m.deadline for m in marks)), self.angle(meeting_day)


def _period(data: WheelData, lang: str) -> str:
    months = MONTHS[lang]
    last = data.year_end - timedelta(days=1)
    return (f"{months[data.year_start.month - 1]} {data.year_start.year} – "
            f"{months[last.month - 1]} {last.year}")


def _heading(w: _Wheel, title: str, period: str) -> None:
    """The title, the text alternative that says the whole picture, and the white page."""
    data, t, svg = w.data, w.t, w.svg
    meetings = [m for ring in data.rings for m in ring.meetings]
    cancelled = sum(1 for m in meetings if m.cancelled)
    svg.add(svg.root, "title", f"{title} {period}", id="wheel-title")
    desc = [t("wheel.summary", period=period, meetings=t("n.meetings", count=len(meetings)),
              cancelled=t("n.cancelled", count=cancelled),
              bodies=t("n.bodies", count=len(data.rings)),
              bookings=t("n.items", count=len(data.bookings)),
              today=long_date(data.today, w.lang))]
    desc += [t("wheel.ring_of", name=_named(r), count=len(r.meetings)) for r in data.rings]
    desc += [t("wheel.event_line", body=r.label, date=long_date(m.day, w.lang), title=m.title)
             for r in data.rings for m in r.meetings if m.title]
    desc += [t("wheel.booking_line", ref=b.ref, title=b.title, body=data.label(b.body),
               date=long_date(b.meeting_date, w.lang), deadline=long_date(b.deadline, w.lang))
             + (" " + t("wheel.orientation") if b.orientation else "")
             for b in data.bookings]
    svg.add(svg.root, "desc", " ".join(desc), id="wheel-desc")
    svg.add(svg.root, "rect", x=0, y=0, width=WIDTH, height=HEIGHT, fill="#FFFFFF")


def _named(ring: Ring) -> str:
    """``Økonomiudvalget (ØK)``, or ``Ledermøde`` for a body with no short form."""
    return ring.full_name if ring.label == ring.full_name else f"{ring.full_name} ({ring.label})"


def _months(w: _Wheel) -> None:
    """The months: the outer ring, alternately shaded, with the year on the first month and on
    every January; the part of the wheel already behind us is lightly shaded too."""
    svg, data = w.svg, w.data
    months = MONTHS[w.lang]
    end = data.year_end
    months_g = svg.group(class_="months")
    if w.in_window and w.today_angle > 0:
        svg.add(months_g, "path", d=sector(HUB, MONTH_IN - 6, 0.0, w.today_angle),
                fill="#F3F4F6", class_="past")
    day = data.year_start
    index = 0
    while day < end:
        following = add_months(day.replace(day=1), 1)
        a0, a1 = w.angle(day), w.angle(min(following, end))
        svg.add(months_g, "path", d=sector(MONTH_IN, MONTH_OUT, a0, a1),
                fill="#E8EEF6" if index % 2 == 0 else "#D5DFEC")
        mid = (a0 + a1) / 2
        x, y = xy((MONTH_IN + MONTH_OUT) / 2, mid)
        turn = mid + 180 if 90 < mid < 270 else mid
        label = months[day.month - 1]
        if index == 0 or day.month == 1:
            label += f" {day.year}"
        svg.text(months_g, x, y, label, size=15, weight="600", anchor="middle",
                 dominant_baseline="central",
                 transform=f"rotate({num(turn)} {num(x)} {num(y)})")
        x0, y0 = xy(HUB, a0)
        x1, y1 = xy(MONTH_OUT, a0)
        svg.add(months_g, "line", x1=x0, y1=y0, x2=x1, y2=y1, stroke=RULE, stroke_width=1)
        day, index = following, index + 1


def _rings(w: _Wheel) -> None:
    rings_g = w.svg.group(class_="rings", fill="none")
    for ring in w.data.rings:
        w.svg.add(rings_g, "circle", cx=CX, cy=CY, r=w.radius[ring.key],
                  stroke=w.colour[ring.key], stroke_width=2, stroke_opacity="0.3")


def _leads(w: _Wheel) -> None:
    """The line from a meeting's first sagsfrist to the meeting, under the dots."""
    leads_g = w.svg.group(class_="leads", fill="none", stroke_linecap="round")
    for (body, _, meeting_day), marks in w.groups.items():
        a0, a1 = w.lead(marks, meeting_day)
        if a1 > a0:
            w.svg.add(leads_g, "path", d=arc(w.radius[body], a0, a1), stroke=w.colour[body],
                      stroke_width=4, stroke_opacity="0.75")


def _hand(w: _Wheel) -> None:
    """Today's hand, under the dots so that it hides none of them (none outside the window)."""
    if not w.in_window:
        return
    svg, today_angle = w.svg, w.today_angle
    hand = svg.group(class_="today",
                     transform=f"rotate({num(today_angle)} {num(CX)} {num(CY)})")
    svg.add(hand, "title", w.t("wheel.today_date", date=long_date(w.data.today, w.lang)))
    svg.add(hand, "line", x1=CX, y1=CY - HUB, x2=CX, y2=CY - MONTH_OUT - 8,
            stroke=TODAY_COLOUR, stroke_width=3, stroke_linecap="round")
    svg.add(hand, "circle", cx=CX, cy=CY - MONTH_OUT - 8, r=4.5, fill=TODAY_COLOUR)
    label = w.t("wheel.today")
    tx, ty = xy(MONTH_OUT + 22, today_angle)
    sin = math.sin(math.radians(today_angle))
    anchor = "start" if sin > 0.35 else "end" if sin < -0.35 else "middle"
    svg.text(svg.root, tx, ty, label, size=15, weight="700", fill=TODAY_COLOUR, anchor=anchor,
             dominant_baseline="central", class_="today-label")


def _meetings(w: _Wheel) -> None:
    """The meetings: a dot with the day of the month; cancelled ones hollow, past ones faded."""
    svg, dot = w.svg, w.dot
    refs_on: dict[str, list[str]] = {}
    for mark in w.data.bookings:
        refs_on.setdefault(mark.meeting, []).append(f"{mark.ref} {mark.title}")
    dots_g = svg.group(class_="meetings", text_anchor="middle", font_weight="700")
    for ring in w.data.rings:
        c, r = w.colour[ring.key], w.radius[ring.key]
        for m in ring.meetings:
            x, y = xy(r, w.angle(m.day))
            attrs: dict[str, str | float] = {"class_": "meeting", "data_code": m.code}
            if m.day < w.data.today:
                attrs["opacity"] = "0.45"
            g = svg.group(dots_g, **attrs)
            svg.add(g, "title", w.t("wheel.event_tip" if m.title else "wheel.meeting_tip",
                                    body=ring.label, date=long_date(m.day, w.lang),
                                    title=m.title, what=_on_the_agenda(w, m, refs_on)))
            if m.cancelled:
                svg.add(g, "circle", cx=x, cy=y, r=dot - 1, fill="#FFFFFF", stroke=c,
                        stroke_width=2)
            else:
                svg.add(g, "circle", cx=x, cy=y, r=dot, fill=c)
            svg.text(g, x, y, str(m.day.day), size=round(dot * 0.95, 1),
                     fill=c if m.cancelled else "#FFFFFF", dominant_baseline="central")
            w.obstacles.append((x - dot, y - dot, x + dot, y + dot))


def _on_the_agenda(w: _Wheel, m: RingMeeting, refs_on: dict[str, list[str]]) -> str:
    """A meeting's tooltip: cancelled, or how many items, and its agenda: the items still
    booked, one a line with its title."""
    t = w.t
    what = (t("wheel.cancelled") if m.cancelled else
            t("wheel.items_none") if m.booked == 0 else
            t("wheel.items_one") if m.booked == 1 else
            t("wheel.items_many", count=m.booked))
    if m.code in refs_on and not m.cancelled:
        what += ":\n" + "\n".join(refs_on[m.code])
    return what


def _bookings(w: _Wheel) -> list[Label]:
    """The booked items: a diamond at the sagsfrist, stacked across the ring when several items
    go to the same meeting. Returns the labels (the refs) to place once everything is drawn."""
    svg = w.svg
    marks_g = svg.group(class_="bookings")
    labels: list[Label] = []
    for (body, _, meeting_day), marks in w.groups.items():
        r = w.radius[body]
        a = w.angle(min(m.deadline for m in marks))
        step = min(9.0, (w.spacing * 0.8 if w.n > 1 else 40.0) / max(len(marks) - 1, 1))
        for k, mark in enumerate(marks):
            x, y = xy(r + (k - (len(marks) - 1) / 2) * step, a)
            g = svg.group(marks_g, class_="booking", data_ref=mark.ref)
            svg.add(g, "title", w.t("wheel.booking_tip", ref=mark.ref, title=mark.title,
                                    body=w.data.label(body), date=long_date(meeting_day, w.lang),
                                    deadline=long_date(mark.deadline, w.lang))
                    + (" " + w.t("wheel.orientation") if mark.orientation else ""))
            s = 5.5
            svg.add(g, "path", d=diamond(x, y, s), fill=INK, stroke="#FFFFFF", stroke_width=1.5)
            w.obstacles.append((x - s, y - s, x + s, y + s))
        refs = ", ".join(m.ref for m in marks)
        if text_width(refs, 12, bold=True) > 70:
            refs = f"{marks[0].ref} +{len(marks) - 1}"
        labels.append((r, a, refs, marks))
    return labels


def _ring_label(w: _Wheel, labels_g: ET.Element, ring: Ring) -> None:
    """A ring's label in the widest stretch of the ring that has nothing on it, so that the rings
    can be told apart without relying on colour alone; none when no stretch is wide enough."""
    r = w.radius[ring.key]
    busy = [(w.angle(m.day), w.dot + 3) for m in ring.meetings]
    for (body, _, meeting_day), marks in w.groups.items():
        if body == ring.key:
            a0, a1 = w.lead(marks, meeting_day)
            busy += [(a0 + (a1 - a0) * k / 8, 8.0) for k in range(9)]
    if w.in_window:
        busy.append((w.today_angle, 3.0))
    spot = free_stretch(r, busy, text_width(ring.label, 13, bold=True) + 16)
    if spot is None:
        return
    x, y = xy(r, spot)
    turn = spot + 180 if 90 < spot < 270 else spot
    w.svg.text(labels_g, x, y, ring.label, size=13, fill=w.colour[ring.key], anchor="middle",
               dominant_baseline="central", class_="ring-label",
               transform=f"rotate({num(turn)} {num(x)} {num(y)})")
    half = text_width(ring.label, 13, bold=True) / 2
    ends = [xy(r + dr, spot + math.degrees(dt / r)) for dr in (-8, 8) for dt in (-half, half)]
    w.obstacles.append((min(e[0] for e in ends), min(e[1] for e in ends),
                        max(e[0] for e in ends), max(e[1] for e in ends)))


def _ref_labels(w: _Wheel, labels_g: ET.Element, labels: list[Label]) -> None:
    """The markers' refs, each where there is room for it; left out where there is none."""
    for r, a, text, marks in labels:
        spread = (len(marks) - 1) * 4.5
        box = place_label(r, a, text, spread, w.obstacles)
        if box is None:
            continue
        w.obstacles.append(box)
        w.svg.text(labels_g, box[0], box[3] - 3.5, text, size=12, fill=INK, class_="ref")


def _hub(svg: Svg, data: WheelData) -> None:
    hub = svg.group(class_="hub")
    svg.add(hub, "circle", cx=CX, cy=CY, r=HUB, fill="#F8FAFC", stroke=RULE, stroke_width=1.5)
    last = data.year_end - timedelta(days=1)
    years = (str(data.year_start.year) if data.year_start.year == last.year
             else f"{data.year_start.year}–{str(last.year)[-2:]}")
    svg.text(hub, CX, CY, years, size=42, weight="700", anchor="middle",
             dominant_baseline="central")
