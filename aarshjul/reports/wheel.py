"""The årshjul wheel: twelve months of meetings and booked items drawn as one SVG picture.

:func:`wheel_data` reads what the wheel shows from the database; :func:`render_wheel` is a pure
function from that data to an SVG document (built with ElementTree, so every user text is
escaped; no script, no external fonts or images, no random ids, so the same data gives the same
bytes). The months form the outer ring, each body's meetings lie on a ring of their own, an item's
coming booking is a marker at its sagsfrist with a line running on to the meeting, and a hand
marks today. Twelve o'clock is the first day of the window; angles are the share of the window's
days that lie before a date.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from aarshjul.dates.timeutil import MONTHS, long_date
from aarshjul.files import write_atomically
from aarshjul.messages import translate

if TYPE_CHECKING:
    from aarshjul.context import Context
    from aarshjul.store.db import Database

SVG_NS = "http://www.w3.org/2000/svg"
FONTS = ("system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
         "'Noto Sans', 'Liberation Sans', sans-serif")

SHORT_MONTHS = {
    "da": ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.",
           "nov.", "dec."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

#: Ring colours: distinct hues, each at least 4.5:1 against white (text in them stays readable).
PALETTE = ("#0B5CAD", "#1B7F3B", "#6A3D9A", "#B35900", "#00727A", "#A3195B", "#6B6000",
           "#5D4037")
TODAY_COLOUR = "#D00000"
INK, MUTED, RULE = "#111827", "#4B5563", "#CBD5E1"

# Geometry of the picture (viewBox units): the wheel on the left, the legend on the right.
WIDTH, HEIGHT = 1360, 900
CX, CY = 470.0, 450.0
HUB = 118.0
RING_IN, RING_OUT = 148.0, 322.0
MONTH_IN, MONTH_OUT = 346.0, 398.0
PANEL_X, PANEL_RIGHT = 940.0, 1335.0


# -- data -----------------------------------------------------------------------------------------


class RingMeeting(NamedTuple):
    day: date
    code: str
    cancelled: bool
    #: Items on its agenda: those treated (past meetings) or still booked (coming ones).
    booked: int = 0


@dataclass(frozen=True)
class Ring:
    key: str
    name: str
    meetings: tuple[RingMeeting, ...]


@dataclass(frozen=True)
class Mark:
    """An item's coming booking: drawn at its sagsfrist on the ring of the meeting's body."""

    ref: str
    title: str
    meeting_date: date
    body: str
    deadline: date
    meeting: str = ""


@dataclass(frozen=True)
class WheelData:
    """What one wheel shows: the twelve months starting at ``year_start`` (the 1st of a month)."""

    year_start: date
    today: date
    rings: tuple[Ring, ...]
    bookings: tuple[Mark, ...]
    title: str = ""  # the heading; empty means the translated "Årshjul"

    @property
    def year_end(self) -> date:
        """The first day after the window."""
        return add_months(self.year_start, 12)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - 28 exists in every month


def angle_of(data: WheelData, day: date) -> float:
    """Degrees clockwise from twelve o'clock: the share of the window's days before ``day``."""
    total = (data.year_end - data.year_start).days
    return 360.0 * (day - data.year_start).days / total


# -- gathering ------------------------------------------------------------------------------------


def wheel_data(db: Database, ctx: Context, *, start: date | None = None) -> WheelData:
    """The wheel's data for the twelve months from the 1st of ``start``'s month.

    ``start`` defaults to the current month (``ctx.today``): a wheel on the wall is about the year
    ahead, and the current month keeps the meetings just held in view. A ``start`` in the middle
    of a month is moved to the 1st, because the outer ring is whole months.

    Meetings of every body that meets in the window get a ring (bodies without meetings there
    would only be empty circles). The markers are the open bookings on coming meetings that are
    not cancelled: a booking the item has moved past, been sent back from or withdrawn from is
    met or moot and is not drawn. ``BookingView`` does not say whether a booking is still open, so
    that part is one read-only query here rather than through ``Meetings.bookings``.
    """
    from sqlalchemy import select

    from aarshjul.services.meetings import DEFAULT_BODIES, Meetings
    from aarshjul.store.models import Body, Booking, Item, Meeting

    today = ctx.today
    service = Meetings(db, ctx)
    first = (start or today).replace(day=1)
    end = add_months(first, 12)
    meetings = service.query(start=first, end=end - timedelta(days=1))
    names = {b.key: b.name for b in service.bodies()}
    with db.transaction() as s:
        rows = s.execute(
            select(Item.ref, Item.title, Meeting.code, Meeting.date, Body.key, Booking.deadline)
            .select_from(Booking)
            .join(Item, Item.id == Booking.item_id)
            .join(Meeting, Meeting.id == Booking.meeting_id)
            .join(Body, Body.id == Meeting.body_id)
            .where(Booking.left_at.is_(None), Meeting.cancelled.is_(False),
                   Meeting.date >= max(today, first), Meeting.date < end)
            .order_by(Meeting.date, Body.key, Item.sort_key, Booking.id)).all()
    marks = tuple(Mark(ref=r.ref, title=r.title, meeting_date=r.date, body=r.key,
                       deadline=r.deadline, meeting=r.code) for r in rows)
    coming: dict[str, int] = {}
    for mark in marks:
        coming[mark.meeting] = coming.get(mark.meeting, 0) + 1

    by_body: dict[str, list[RingMeeting]] = {}
    for m in meetings:
        booked = coming.get(m.id, 0) if m.date >= today else m.booked
        by_body.setdefault(m.body, []).append(RingMeeting(m.date, m.id, m.cancelled, booked))
    usual = [key for key, _, _ in DEFAULT_BODIES]
    order = sorted(by_body, key=lambda k: (usual.index(k) if k in usual else len(usual), k))
    rings = tuple(Ring(key=k, name=names.get(k, k), meetings=tuple(by_body[k])) for k in order)
    return WheelData(year_start=first, today=today, rings=rings, bookings=marks)


def write_wheel(db: Database, ctx: Context, file: str | Path, *,
                start: date | None = None) -> Path:
    """Render the wheel in the context's language and write it (UTF-8); returns the path.

    The file is replaced in one step, so a wall screen that reloads it never shows half a file.
    """
    path = Path(file)
    svg = render_wheel(wheel_data(db, ctx, start=start), ctx.lang)
    write_atomically(path, svg.encode("utf-8"), error="wheel.cannot_write", file=str(path))
    return path


# -- drawing --------------------------------------------------------------------------------------


def short_date(day: date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {SHORT_MONTHS['en'][day.month - 1]}"
    return f"{day.day}.{day.month}."


def _n(value: float) -> str:
    """A coordinate with at most two decimals: short, and the same text on every machine."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _xy(radius: float, degrees: float) -> tuple[float, float]:
    rad = math.radians(degrees)
    return CX + radius * math.sin(rad), CY - radius * math.cos(rad)


def _sector(r_in: float, r_out: float, a0: float, a1: float) -> str:
    """An annular sector from ``a0`` to ``a1`` degrees (clockwise) as path data."""
    large = 1 if a1 - a0 > 180 else 0
    (x0, y0), (x1, y1) = _xy(r_out, a0), _xy(r_out, a1)
    (x2, y2), (x3, y3) = _xy(r_in, a1), _xy(r_in, a0)
    return (f"M{_n(x0)} {_n(y0)}A{_n(r_out)} {_n(r_out)} 0 {large} 1 {_n(x1)} {_n(y1)}"
            f"L{_n(x2)} {_n(y2)}A{_n(r_in)} {_n(r_in)} 0 {large} 0 {_n(x3)} {_n(y3)}Z")


def _arc(radius: float, a0: float, a1: float) -> str:
    large = 1 if a1 - a0 > 180 else 0
    (x0, y0), (x1, y1) = _xy(radius, a0), _xy(radius, a1)
    return f"M{_n(x0)} {_n(y0)}A{_n(radius)} {_n(radius)} 0 {large} 1 {_n(x1)} {_n(y1)}"


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """A generous estimate of a text's width in a sans-serif system font."""
    width = 0.0
    for ch in text:
        if ch in ".,:;!|il'ı ":
            width += 0.3
        elif ch.isdigit():
            width += 0.57
        elif ch in "mwMWÆæ—–":
            width += 0.9
        elif ch.isupper():
            width += 0.7
        else:
            width += 0.56
    return width * size * (1.08 if bold else 1.0)


def fit(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """``text``, cut with an ellipsis so that it fits in ``width``."""
    if text_width(text, size, bold=bold) <= width:
        return text
    while text and text_width(text + "…", size, bold=bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


Box = tuple[float, float, float, float]


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class _Svg:
    """Small helpers around ElementTree so the drawing code reads as what it draws."""

    def __init__(self, lang: str) -> None:
        self.root = ET.Element("svg", {
            "xmlns": SVG_NS, "viewBox": f"0 0 {WIDTH} {HEIGHT}", "width": "100%",
            "preserveAspectRatio": "xMidYMid meet", "role": "img",
            "aria-labelledby": "wheel-title wheel-desc", "font-family": FONTS,
            "{http://www.w3.org/XML/1998/namespace}lang": lang})

    @staticmethod
    def add(parent: ET.Element, tag: str, text: str | None = None, /,
            **attrs: str | float) -> ET.Element:
        element = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"):
                                              _n(v) if isinstance(v, float) else str(v)
                                              for k, v in attrs.items()})
        if text is not None:
            element.text = text
        return element

    def group(self, parent: ET.Element | None = None, /, **attrs: str | float) -> ET.Element:
        return self.add(self.root if parent is None else parent, "g", **attrs)

    def text(self, parent: ET.Element, x: float, y: float, text: str, /, *, size: float,
             fill: str = INK, weight: str = "normal", anchor: str = "start",
             **attrs: str | float) -> ET.Element:
        extra: dict[str, str | float] = {}
        if weight != "normal":
            extra["font_weight"] = weight
        if anchor != "start":
            extra["text_anchor"] = anchor
        return self.add(parent, "text", text, x=x, y=y, font_size=size, fill=fill, **extra,
                        **attrs)


def render_wheel(data: WheelData, lang: str = "da") -> str:
    """The wheel as an SVG document (UTF-8 text with an XML declaration)."""
    lang = "en" if lang == "en" else "da"

    def t(message: str, /, **params: object) -> str:
        return translate(message, lang, **params)

    svg = _Svg(lang)
    root = svg.root
    end = data.year_end
    last = end - timedelta(days=1)
    title = data.title or t("wheel.title")
    months = MONTHS[lang]
    period = (f"{months[data.year_start.month - 1]} {data.year_start.year} – "
              f"{months[last.month - 1]} {last.year}")
    meetings = [m for ring in data.rings for m in ring.meetings]
    cancelled = sum(1 for m in meetings if m.cancelled)

    svg.add(root, "title", f"{title} {period}", id="wheel-title")
    desc = [t("wheel.summary", period=period, meetings=len(meetings), cancelled=cancelled,
              bodies=len(data.rings), bookings=len(data.bookings),
              today=long_date(data.today, lang))]
    desc += [t("wheel.ring_line", body=r.key, name=r.name, meetings=len(r.meetings))
             for r in data.rings]
    desc += [t("wheel.booking_line", ref=b.ref, title=b.title, body=b.body,
               date=long_date(b.meeting_date, lang), deadline=long_date(b.deadline, lang))
             for b in data.bookings]
    svg.add(root, "desc", " ".join(desc), id="wheel-desc")
    svg.add(root, "rect", x=0, y=0, width=WIDTH, height=HEIGHT, fill="#FFFFFF")

    def angle(day: date) -> float:
        return min(max(angle_of(data, day), 0.0), 360.0)

    in_window = data.year_start <= data.today < end
    today_angle = angle_of(data, data.today)

    # The months: the outer ring, alternately shaded, with the year on the first month and on
    # every January; the part of the wheel already behind us is lightly shaded too.
    months_g = svg.group(class_="months")
    if in_window and today_angle > 0:
        svg.add(months_g, "path", d=_sector(HUB, MONTH_IN - 6, 0.0, today_angle),
                fill="#F3F4F6", class_="past")
    day = data.year_start
    index = 0
    while day < end:
        following = add_months(day.replace(day=1), 1)
        a0, a1 = angle(day), angle(min(following, end))
        svg.add(months_g, "path", d=_sector(MONTH_IN, MONTH_OUT, a0, a1),
                fill="#E8EEF6" if index % 2 == 0 else "#D5DFEC")
        mid = (a0 + a1) / 2
        x, y = _xy((MONTH_IN + MONTH_OUT) / 2, mid)
        turn = mid + 180 if 90 < mid < 270 else mid
        label = months[day.month - 1]
        if index == 0 or day.month == 1:
            label += f" {day.year}"
        svg.text(months_g, x, y, label, size=15, weight="600", anchor="middle",
                 dominant_baseline="central",
                 transform=f"rotate({_n(turn)} {_n(x)} {_n(y)})")
        x0, y0 = _xy(HUB, a0)
        x1, y1 = _xy(MONTH_OUT, a0)
        svg.add(months_g, "line", x1=x0, y1=y0, x2=x1, y2=y1, stroke=RULE, stroke_width=1)
        day, index = following, index + 1

    # The rings: one per body, outermost first.
    n = len(data.rings)
    spacing = (RING_OUT - RING_IN) / (n - 1) if n > 1 else 0.0
    radius = {r.key: (RING_OUT - i * spacing if n > 1 else (RING_IN + RING_OUT) / 2)
              for i, r in enumerate(data.rings)}
    colour = {r.key: PALETTE[i % len(PALETTE)] for i, r in enumerate(data.rings)}
    dot = min(10.0, spacing * 0.3) if n > 1 else 10.0
    rings_g = svg.group(class_="rings", fill="none")
    for ring in data.rings:
        svg.add(rings_g, "circle", cx=CX, cy=CY, r=radius[ring.key], stroke=colour[ring.key],
                stroke_width=2, stroke_opacity="0.3")

    # Bookings are grouped per meeting; the line from sagsfrist to meeting goes under the dots.
    groups: dict[tuple[str, str, date], list[Mark]] = {}
    for mark in data.bookings:
        if mark.body in radius:
            groups.setdefault((mark.body, mark.meeting, mark.meeting_date), []).append(mark)
    leads_g = svg.group(class_="leads", fill="none", stroke_linecap="round")
    for (body, _, meeting_day), marks in groups.items():
        a0, a1 = angle(min(m.deadline for m in marks)), angle(meeting_day)
        if a1 > a0:
            svg.add(leads_g, "path", d=_arc(radius[body], a0, a1), stroke=colour[body],
                    stroke_width=4, stroke_opacity="0.75")

    # Today's hand, under the dots so that it hides none of them.
    obstacles: list[Box] = []
    if in_window:
        hand = svg.group(class_="today",
                         transform=f"rotate({_n(today_angle)} {_n(CX)} {_n(CY)})")
        svg.add(hand, "title", t("wheel.today_date", date=long_date(data.today, lang)))
        svg.add(hand, "line", x1=CX, y1=CY - HUB, x2=CX, y2=CY - MONTH_OUT - 8,
                stroke=TODAY_COLOUR, stroke_width=3, stroke_linecap="round")
        svg.add(hand, "circle", cx=CX, cy=CY - MONTH_OUT - 8, r=4.5, fill=TODAY_COLOUR)
        label = t("wheel.today")
        tx, ty = _xy(MONTH_OUT + 22, today_angle)
        sin = math.sin(math.radians(today_angle))
        anchor = "start" if sin > 0.35 else "end" if sin < -0.35 else "middle"
        svg.text(root, tx, ty, label, size=15, weight="700", fill=TODAY_COLOUR, anchor=anchor,
                 dominant_baseline="central", class_="today-label")

    # The meetings: a dot with the day of the month; cancelled ones hollow, past ones faded.
    refs_on: dict[str, list[str]] = {}
    for mark in data.bookings:
        refs_on.setdefault(mark.meeting, []).append(mark.ref)
    dots_g = svg.group(class_="meetings", text_anchor="middle", font_weight="700")
    for ring in data.rings:
        c, r = colour[ring.key], radius[ring.key]
        for m in ring.meetings:
            x, y = _xy(r, angle(m.day))
            attrs: dict[str, str | float] = {"class_": "meeting", "data_code": m.code}
            if m.day < data.today:
                attrs["opacity"] = "0.45"
            g = svg.group(dots_g, **attrs)
            what = (t("wheel.cancelled") if m.cancelled else
                    t("wheel.items_none") if m.booked == 0 else
                    t("wheel.items_one") if m.booked == 1 else
                    t("wheel.items_many", count=m.booked))
            if m.code in refs_on and not m.cancelled:
                what += ": " + ", ".join(refs_on[m.code])
            svg.add(g, "title", t("wheel.meeting_tip", body=ring.key,
                                  date=long_date(m.day, lang), what=what))
            if m.cancelled:
                svg.add(g, "circle", cx=x, cy=y, r=dot - 1, fill="#FFFFFF", stroke=c,
                        stroke_width=2)
            else:
                svg.add(g, "circle", cx=x, cy=y, r=dot, fill=c)
            svg.text(g, x, y, str(m.day.day), size=round(dot * 0.95, 1),
                     fill=c if m.cancelled else "#FFFFFF", dominant_baseline="central")
            obstacles.append((x - dot, y - dot, x + dot, y + dot))

    # The booked items: a diamond at the sagsfrist, stacked across the ring when several items
    # go to the same meeting; the refs as a label where there is room for one.
    marks_g = svg.group(class_="bookings")
    labels: list[tuple[float, float, str, list[Mark]]] = []
    for (body, _, meeting_day), marks in groups.items():
        r = radius[body]
        a = angle(min(m.deadline for m in marks))
        step = min(9.0, (spacing * 0.8 if n > 1 else 40.0) / max(len(marks) - 1, 1))
        for k, mark in enumerate(marks):
            x, y = _xy(r + (k - (len(marks) - 1) / 2) * step, a)
            g = svg.group(marks_g, class_="booking", data_ref=mark.ref)
            svg.add(g, "title", t("wheel.booking_tip", ref=mark.ref, title=mark.title,
                                  body=body, date=long_date(meeting_day, lang),
                                  deadline=long_date(mark.deadline, lang)))
            s = 5.5
            svg.add(g, "path", d=f"M{_n(x)} {_n(y - s)}L{_n(x + s)} {_n(y)}L{_n(x)} {_n(y + s)}"
                                 f"L{_n(x - s)} {_n(y)}Z",
                    fill=INK, stroke="#FFFFFF", stroke_width=1.5)
            obstacles.append((x - s, y - s, x + s, y + s))
        refs = ", ".join(m.ref for m in marks)
        if text_width(refs, 12, bold=True) > 70:
            refs = f"{marks[0].ref} +{len(marks) - 1}"
        labels.append((r, a, refs, marks))

    labels_g = svg.group(class_="labels", font_weight="700", stroke="#FFFFFF",
                         stroke_width=3.5, stroke_linejoin="round", paint_order="stroke")
    # Each ring's key in the widest stretch of the ring that has nothing on it, so that the
    # rings can be told apart without relying on colour alone.
    for ring in data.rings:
        r = radius[ring.key]
        busy = [(angle(m.day), dot + 3) for m in ring.meetings]
        for (body, _, meeting_day), marks in groups.items():
            if body == ring.key:
                a0, a1 = angle(min(m.deadline for m in marks)), angle(meeting_day)
                busy += [(a0 + (a1 - a0) * k / 8, 8.0) for k in range(9)]
        if in_window:
            busy.append((today_angle, 3.0))
        spot = _free_stretch(r, busy, text_width(ring.key, 13, bold=True) + 16)
        if spot is None:
            continue
        x, y = _xy(r, spot)
        turn = spot + 180 if 90 < spot < 270 else spot
        svg.text(labels_g, x, y, ring.key, size=13, fill=colour[ring.key], anchor="middle",
                 dominant_baseline="central", class_="ring-label",
                 transform=f"rotate({_n(turn)} {_n(x)} {_n(y)})")
        half = text_width(ring.key, 13, bold=True) / 2
        ends = [_xy(r + dr, spot + math.degrees(dt / r)) for dr in (-8, 8) for dt in (-half, half)]
        obstacles.append((min(e[0] for e in ends), min(e[1] for e in ends),
                          max(e[0] for e in ends), max(e[1] for e in ends)))
    for r, a, text, marks in labels:
        spread = (len(marks) - 1) * 4.5
        box = _place_label(r, a, text, spread, obstacles)
        if box is None:
            continue
        obstacles.append(box)
        svg.text(labels_g, box[0], box[3] - 3.5, text, size=12, fill=INK,
                 class_="ref")

    _hub(svg, data)
    _panel(svg, data, lang, title, period, colour, t)
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _free_stretch(radius: float, busy: list[tuple[float, float]], length: float) -> float | None:
    """The middle (in degrees) of the widest free stretch of a ring, if ``length`` fits in it.

    ``busy`` holds (angle, half-width in viewBox units) for what already lies on the ring.
    """
    if not busy:
        return 180.0
    spans = sorted(((a - math.degrees(w / radius)) % 360, math.degrees(2 * w / radius))
                   for a, w in busy)
    best: tuple[float, float] | None = None
    end = -math.inf
    for i, (start, width) in enumerate(spans):
        end = max(end, start + width)  # overlapping spans: free only after the furthest end
        following = spans[i + 1][0] if i + 1 < len(spans) else spans[0][0] + 360
        if best is None or following - end > best[1]:
            best = (end, following - end)
    assert best is not None
    if math.radians(best[1]) * radius < length:
        return None
    return (best[0] + best[1] / 2) % 360


def _place_label(r: float, a: float, text: str, spread: float,
                 obstacles: list[Box]) -> Box | None:
    """A free spot for a marker's label next to it, or None when every side is taken."""
    w, h = text_width(text, 12, bold=True), 14.0
    rad = math.radians(a)
    tangent = (math.cos(rad), math.sin(rad))  # clockwise, towards the meeting
    outward = (math.sin(rad), -math.cos(rad))
    px, py = _xy(r, a)
    candidates = (((-tangent[0], -tangent[1]), 8.0), (outward, 8.0 + spread),
                  ((-outward[0], -outward[1]), 8.0 + spread), (tangent, 8.0))
    for (dx, dy), gap in candidates:
        reach = abs(dx) * w / 2 + abs(dy) * h / 2
        cx, cy = px + dx * (gap + reach), py + dy * (gap + reach)
        box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        corners = [(box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])]
        distances = [math.hypot(x - CX, y - CY) for x, y in corners]
        if min(distances) < HUB + 4 or max(distances) > MONTH_IN - 3:
            continue
        if any(_overlaps(box, o) for o in obstacles):
            continue
        return box
    return None


def _hub(svg: _Svg, data: WheelData) -> None:
    hub = svg.group(class_="hub")
    svg.add(hub, "circle", cx=CX, cy=CY, r=HUB, fill="#F8FAFC", stroke=RULE, stroke_width=1.5)
    last = data.year_end - timedelta(days=1)
    years = (str(data.year_start.year) if data.year_start.year == last.year
             else f"{data.year_start.year}–{str(last.year)[-2:]}")
    svg.text(hub, CX, CY, years, size=42, weight="700", anchor="middle",
             dominant_baseline="central")


def _panel(svg: _Svg, data: WheelData, lang: str, title: str, period: str,
           colour: dict[str, str], t: Callable[..., str]) -> None:
    """The legend: heading, the rings in colour, what the symbols mean, the coming items."""
    panel = svg.group(class_="legend")
    x, right = PANEL_X, PANEL_RIGHT
    width = right - x
    svg.text(panel, x, 62, fit(title, width, 34, bold=True), size=34, weight="700")
    svg.text(panel, x, 92, period, size=17, fill=MUTED)
    svg.text(panel, x, 118, t("wheel.today_date", date=long_date(data.today, lang)), size=15,
             weight="600", fill=TODAY_COLOUR)

    y = 162.0
    svg.text(panel, x, y, t("wheel.rings"), size=14, weight="700", fill=MUTED)
    key_width = max((text_width(r.key, 14, bold=True) for r in data.rings), default=0.0)
    for ring in data.rings:
        y += 26
        row = svg.group(panel, class_="ring-key")
        svg.add(row, "circle", cx=x + 8, cy=y - 5, r=8, fill=colour[ring.key])
        svg.text(row, x + 24, y, ring.key, size=14, weight="700", fill=colour[ring.key])
        name_x = x + 34 + key_width
        svg.text(row, name_x, y, fit(ring.name, right - name_x, 14), size=14)

    y += 40
    svg.text(panel, x, y, t("wheel.symbols"), size=14, weight="700", fill=MUTED)
    c = PALETTE[0]
    y += 26
    svg.add(panel, "circle", cx=x + 8, cy=y - 5, r=8, fill=c)
    svg.text(panel, x + 8, y - 5, "7", size=8, weight="700", fill="#FFFFFF", anchor="middle",
             dominant_baseline="central")
    svg.text(panel, x + 24, y, t("wheel.key_meeting"), size=13)
    y += 24
    svg.add(panel, "circle", cx=x + 8, cy=y - 5, r=7, fill="#FFFFFF", stroke=c, stroke_width=2)
    svg.text(panel, x + 24, y, t("wheel.key_cancelled"), size=13)
    y += 24
    svg.add(panel, "path", d=f"M{_n(x + 2)} {_n(y - 5)}L{_n(x + 52)} {_n(y - 5)}", stroke=c,
            stroke_width=4, stroke_opacity="0.75", stroke_linecap="round")
    s = 5.5
    svg.add(panel, "path", d=f"M{_n(x + 4)} {_n(y - 5 - s)}L{_n(x + 4 + s)} {_n(y - 5)}"
                             f"L{_n(x + 4)} {_n(y - 5 + s)}L{_n(x + 4 - s)} {_n(y - 5)}Z",
            fill=INK, stroke="#FFFFFF", stroke_width=1.5)
    svg.add(panel, "circle", cx=x + 52, cy=y - 5, r=7, fill=c)
    svg.text(panel, x + 66, y, fit(t("wheel.key_booking"), right - x - 66, 13), size=13)
    y += 24
    svg.add(panel, "line", x1=x + 2, y1=y - 5, x2=x + 40, y2=y - 5, stroke=TODAY_COLOUR,
            stroke_width=3, stroke_linecap="round")
    svg.text(panel, x + 52, y, t("wheel.key_today"), size=13)

    y += 40
    svg.text(panel, x, y, t("wheel.coming"), size=14, weight="700", fill=MUTED)
    coming = sorted(data.bookings, key=lambda b: (b.meeting_date, b.body, _ref_key(b.ref)))
    if not coming:
        svg.text(panel, x, y + 24, t("wheel.none_booked"), size=13, fill=MUTED)
        return
    room = int((HEIGHT - 24 - y) // 38)
    shown = coming if len(coming) <= room else coming[:max(room - 1, 0)]
    for b in shown:
        y += 22
        row = svg.group(panel, class_="coming")
        head = svg.text(row, x, y, "", size=13, weight="700")
        head.text = short_date(b.meeting_date, lang) + "  "
        key = svg.add(head, "tspan", b.body, fill=colour.get(b.body, INK))
        key.tail = f"  {b.ref}"
        svg.text(row, x, y + 16, fit(b.title, width, 13), size=13, fill=MUTED)
        y += 16
    if len(shown) < len(coming):
        svg.text(panel, x, y + 22, t("wheel.more", count=len(coming) - len(shown)), size=13,
                 fill=MUTED)


def _ref_key(ref: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in ref.split("."))
    except ValueError:
        return ()
