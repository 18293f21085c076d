"""The wheel's drawing kit (aarshjul/reports/wheel_svg.py): short numbers, shapes, free room."""

from __future__ import annotations

import math
from datetime import date

from aarshjul.reports.wheel_svg import (
    CX,
    CY,
    arc,
    diamond,
    fit,
    free_stretch,
    num,
    overlaps,
    place_label,
    short_date,
    text_width,
    xy,
)


def test_coordinates_have_at_most_two_decimals_and_no_negative_zero() -> None:
    assert [num(v) for v in (1.0, 1.5, 1.234, -0.001, 2.999, 470.0)] == [
        "1", "1.5", "1.23", "0", "3", "470"]


def test_twelve_oclock_is_up_and_angles_run_clockwise() -> None:
    assert xy(100, 0) == (CX, CY - 100)
    x, y = xy(100, 90)
    assert math.isclose(x, CX + 100) and math.isclose(y, CY)
    assert arc(100, 0, 90) == "M470 350A100 100 0 0 1 570 450"
    assert arc(100, 0, 270).split()[4] == "1"  # the large-arc flag past half a turn


def test_a_diamond_is_centred_on_its_point() -> None:
    assert diamond(10, 20, 5) == "M10 15L15 20L10 25L5 20Z"


def test_fit_cuts_long_text_with_an_ellipsis_that_fits() -> None:
    assert fit("BUU", 100, 13) == "BUU"
    cut = fit("Børne- og Ungdomsudvalget i en meget lang udgave", 120, 13)
    assert cut.endswith("…") and text_width(cut, 13) <= 120
    assert text_width("MM", 10) > text_width("ii", 10)


def test_free_stretch_is_the_middle_of_the_widest_gap_if_the_text_fits() -> None:
    assert free_stretch(100, [], 50) == 180.0
    # Two things at 0 and 90 degrees: the widest gap is the three quarters from 90 round to 0.
    spot = free_stretch(100, [(0.0, 1.0), (90.0, 1.0)], 50)
    assert spot is not None and math.isclose(spot, 225.0)
    assert free_stretch(100, [(a * 10.0, 9.0) for a in range(36)], 50) is None


def test_a_label_keeps_clear_of_what_is_drawn_and_stays_inside_the_rings() -> None:
    box = place_label(250, 45, "1.2", 0, [])
    assert box is not None
    blocked = place_label(250, 45, "1.2", 0, [box])
    assert blocked is not None and not overlaps(box, blocked)
    everywhere = (0.0, 0.0, 2000.0, 2000.0)
    assert place_label(250, 45, "1.2", 0, [everywhere]) is None


def test_short_dates_in_both_languages() -> None:
    assert short_date(date(2027, 3, 4), "da") == "4.3."
    assert short_date(date(2027, 3, 4), "en") == "4 Mar"
