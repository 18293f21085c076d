"""Small charts for the status report: an indicator's planned course and its measurements.

Drawn with ElementTree (so any text is escaped) as a self-contained inline SVG: the planned line
through the baseline and the yearly targets (each at 1 July, the interpolation rule), a dot per
measurement, and a text alternative that states the figures.
"""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree as ET

from aarshjul.services.indicators import IndicatorView, anchor

WIDTH, HEIGHT, PAD = 260, 90, 14
COLOURS = {"ahead": "#1b7a3a", "on-track": "#1f5fa8", "behind": "#b3261e", "no-data": "#666"}


def indicator_chart(view: IndicatorView, label: str) -> str:
    points = [(anchor(view.baseline[1]), view.baseline[0]),
              *((anchor(year), value) for value, year in view.targets)]
    measured = list(view.measurements)
    days = [d for d, _ in points] + [d for d, _ in measured]
    values = [v for _, v in points] + [v for _, v in measured]
    first, last = min(days), max(days)
    low, high = min(values), max(values)
    span_days = max((last - first).days, 1)
    span = (high - low) or 1.0

    def x(day: date) -> float:
        return round(PAD + (WIDTH - 2 * PAD) * (day - first).days / span_days, 1)

    def y(value: float) -> float:
        return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * (value - low) / span, 1)

    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "role": "img",
                             "viewBox": f"0 0 {WIDTH} {HEIGHT}", "width": str(WIDTH),
                             "height": str(HEIGHT), "class": "indicator-chart"})
    ET.SubElement(svg, "title").text = label
    ET.SubElement(svg, "polyline", {
        "points": " ".join(f"{x(d)},{y(v)}" for d, v in points), "fill": "none",
        "stroke": "#888", "stroke-width": "2", "stroke-dasharray": "5 3"})
    for d, v in points:
        ET.SubElement(svg, "circle", {"cx": str(x(d)), "cy": str(y(v)), "r": "2.5",
                                      "fill": "#888"})
    colour = COLOURS.get(view.status, "#666")
    if len(measured) > 1:
        ET.SubElement(svg, "polyline", {
            "points": " ".join(f"{x(d)},{y(v)}" for d, v in measured), "fill": "none",
            "stroke": colour, "stroke-width": "2"})
    for d, v in measured:
        dot = ET.SubElement(svg, "circle", {"cx": str(x(d)), "cy": str(y(v)), "r": "4",
                                            "fill": colour, "class": "measurement"})
        ET.SubElement(dot, "title").text = f"{d.isoformat()}: {v:g}{view.unit}"
    # The first and last planned values, kept inside the frame: start under, end above.
    for (d, v), anchor_at, dy in ((points[0], "start", 12), (points[-1], "end", -7)):
        text = ET.SubElement(svg, "text", {
            "x": str(max(x(d) - 4, 2) if anchor_at == "start" else min(x(d) + 4, WIDTH - 2)),
            "y": str(min(max(y(v) + dy, 10), HEIGHT - 2)), "font-size": "9", "fill": "#444",
            "text-anchor": anchor_at})
        text.text = f"{v:g}{view.unit} ({d.year})"
    return ET.tostring(svg, encoding="unicode")
