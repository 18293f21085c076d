"""The årshjul's legend, right of the wheel: heading, rings, symbols and the coming bookings.

:func:`draw_legend` is called by :func:`aarshjul.reports.wheel.render_wheel` after the wheel
itself, with the ring colours it chose, so a ring and its key always have the same colour. The
legend is drawn top to bottom; each part takes the height it has reached and returns the next.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from aarshjul.dates.formats import long_date
from aarshjul.reports.wheel_data import WheelData
from aarshjul.reports.wheel_svg import (
    HEIGHT,
    INK,
    MUTED,
    PALETTE,
    PANEL_RIGHT,
    PANEL_X,
    TODAY_COLOUR,
    Svg,
    diamond,
    fit,
    num,
    short_date,
    text_width,
)


def draw_legend(svg: Svg, data: WheelData, lang: str, title: str, period: str,
                colour: dict[str, str], t: Callable[..., str]) -> None:
    """The legend: heading, the rings in colour, what the symbols mean, the coming items."""
    panel = svg.group(class_="legend")
    x, right = PANEL_X, PANEL_RIGHT
    width = right - x
    svg.text(panel, x, 62, fit(title, width, 34, bold=True), size=34, weight="700")
    svg.text(panel, x, 92, period, size=17, fill=MUTED)
    svg.text(panel, x, 118, t("wheel.today_date", date=long_date(data.today, lang)), size=15,
             weight="600", fill=TODAY_COLOUR)
    y = _ring_keys(svg, panel, data, colour, t, 162.0)
    y = _symbols(svg, panel, t, y + 40)
    y = _events(svg, panel, data, lang, colour, t, y + 40)
    _coming(svg, panel, data, lang, colour, t, y + 40)


def _ring_keys(svg: Svg, panel: ET.Element, data: WheelData, colour: dict[str, str],
               t: Callable[..., str], y: float) -> float:
    """Each ring's label in its colour, then the body's name when it says more."""
    x, right = PANEL_X, PANEL_RIGHT
    svg.text(panel, x, y, t("wheel.rings"), size=14, weight="700", fill=MUTED)
    key_width = max((text_width(r.label, 14, bold=True) for r in data.rings), default=0.0)
    for ring in data.rings:
        y += 26
        row = svg.group(panel, class_="ring-key")
        svg.add(row, "circle", cx=x + 8, cy=y - 5, r=8, fill=colour[ring.key])
        svg.text(row, x + 24, y, ring.label, size=14, weight="700", fill=colour[ring.key])
        name_x = x + 34 + key_width
        if ring.full_name != ring.label:
            svg.text(row, name_x, y, fit(ring.full_name, right - name_x, 14), size=14)
    return y


def _symbols(svg: Svg, panel: ET.Element, t: Callable[..., str], y: float) -> float:
    """What a dot, a hollow dot, a marker with its line and the red hand mean."""
    x, right = PANEL_X, PANEL_RIGHT
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
    svg.add(panel, "path", d=f"M{num(x + 2)} {num(y - 5)}L{num(x + 52)} {num(y - 5)}", stroke=c,
            stroke_width=4, stroke_opacity="0.75", stroke_linecap="round")
    s = 5.5
    svg.add(panel, "path", d=diamond(x + 4, y - 5, s), fill=INK, stroke="#FFFFFF",
            stroke_width=1.5)
    svg.add(panel, "circle", cx=x + 52, cy=y - 5, r=7, fill=c)
    svg.text(panel, x + 66, y, fit(t("wheel.key_booking"), right - x - 66, 13), size=13)
    y += 24
    svg.add(panel, "line", x1=x + 2, y1=y - 5, x2=x + 40, y2=y - 5, stroke=TODAY_COLOUR,
            stroke_width=3, stroke_linecap="round")
    svg.text(panel, x + 52, y, t("wheel.key_today"), size=13)
    return y


#: At most this many titled meetings (theme meetings, temamøder) in the legend, the next first.
MAX_EVENTS = 4


def _events(svg: Svg, panel: ET.Element, data: WheelData, lang: str, colour: dict[str, str],
            t: Callable[..., str], y: float) -> float:
    """The titled meetings still to come (theme meetings, temamøder), so the wheel names them
    and not only their tooltips; nothing when there are none."""
    x = PANEL_X
    events = sorted((m.day, r.key, m.title) for r in data.rings for m in r.meetings
                     if m.title and not m.cancelled and m.day >= data.today)[:MAX_EVENTS]
    if not events:
        return y - 40
    svg.text(panel, x, y, t("wheel.events"), size=14, weight="700", fill=MUTED)
    for day, body, title in events:
        y += 22
        row = svg.group(panel, class_="event")
        head = svg.text(row, x, y, "", size=13, weight="700")
        head.text = short_date(day, lang) + "  "
        key = svg.add(head, "tspan", data.label(body), fill=colour.get(body, INK))
        key.tail = "  " + fit(title, PANEL_RIGHT - x - 110, 13)
    return y


def _coming(svg: Svg, panel: ET.Element, data: WheelData, lang: str, colour: dict[str, str],
            t: Callable[..., str], y: float) -> None:
    """The coming bookings by meeting date, as many as fit; then how many more there are."""
    x = PANEL_X
    width = PANEL_RIGHT - x
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
        key = svg.add(head, "tspan", data.label(b.body), fill=colour.get(b.body, INK))
        key.tail = f"  {b.ref}"
        what = f"{t('wheel.orientation')} {b.title}" if b.orientation else b.title
        svg.text(row, x, y + 16, fit(what, width, 13), size=13, fill=MUTED)
        y += 16
    if len(shown) < len(coming):
        svg.text(panel, x, y + 22, t("wheel.more", count=len(coming) - len(shown)), size=13,
                 fill=MUTED)


def _ref_key(ref: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in ref.split("."))
    except ValueError:
        return ()
