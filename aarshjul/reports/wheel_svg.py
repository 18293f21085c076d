"""The wheel's drawing kit: its palette and geometry, and the SVG and text helpers it draws with.

Everything here is a pure function of numbers and strings; nothing knows what a meeting is.
Coordinates are written with at most two decimals (:func:`num`), so the same picture is the same
bytes on every machine. Elements are built with ElementTree (:class:`Svg`), so every text is
escaped. :mod:`aarshjul.reports.wheel` draws the wheel with these, and
:mod:`aarshjul.reports.wheel_legend` its legend.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import date

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


def short_date(day: date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {SHORT_MONTHS['en'][day.month - 1]}"
    return f"{day.day}.{day.month}."


def num(value: float) -> str:
    """A coordinate with at most two decimals: short, and the same text on every machine."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def xy(radius: float, degrees: float) -> tuple[float, float]:
    rad = math.radians(degrees)
    return CX + radius * math.sin(rad), CY - radius * math.cos(rad)


def sector(r_in: float, r_out: float, a0: float, a1: float) -> str:
    """An annular sector from ``a0`` to ``a1`` degrees (clockwise) as path data."""
    large = 1 if a1 - a0 > 180 else 0
    (x0, y0), (x1, y1) = xy(r_out, a0), xy(r_out, a1)
    (x2, y2), (x3, y3) = xy(r_in, a1), xy(r_in, a0)
    return (f"M{num(x0)} {num(y0)}A{num(r_out)} {num(r_out)} 0 {large} 1 {num(x1)} {num(y1)}"
            f"L{num(x2)} {num(y2)}A{num(r_in)} {num(r_in)} 0 {large} 0 {num(x3)} {num(y3)}Z")


def arc(radius: float, a0: float, a1: float) -> str:
    large = 1 if a1 - a0 > 180 else 0
    (x0, y0), (x1, y1) = xy(radius, a0), xy(radius, a1)
    return f"M{num(x0)} {num(y0)}A{num(radius)} {num(radius)} 0 {large} 1 {num(x1)} {num(y1)}"


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


def diamond(x: float, y: float, s: float) -> str:
    """A booking's marker: a square on its point, centred on (x, y), ``s`` from centre to tip."""
    return (f"M{num(x)} {num(y - s)}L{num(x + s)} {num(y)}L{num(x)} {num(y + s)}"
            f"L{num(x - s)} {num(y)}Z")


Box = tuple[float, float, float, float]


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class Svg:
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
                                              num(v) if isinstance(v, float) else str(v)
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


def free_stretch(radius: float, busy: list[tuple[float, float]], length: float) -> float | None:
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


def place_label(r: float, a: float, text: str, spread: float,
                obstacles: list[Box]) -> Box | None:
    """A free spot for a marker's label next to it, or None when every side is taken."""
    w, h = text_width(text, 12, bold=True), 14.0
    rad = math.radians(a)
    tangent = (math.cos(rad), math.sin(rad))  # clockwise, towards the meeting
    outward = (math.sin(rad), -math.cos(rad))
    px, py = xy(r, a)
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
        if any(overlaps(box, o) for o in obstacles):
            continue
        return box
    return None
