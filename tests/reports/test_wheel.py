"""The årshjul wheel (aarshjul/reports/wheel.py): a valid, accessible, escaped, same-bytes SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

from aarshjul.app import App
from aarshjul.reports.wheel import render_wheel
from aarshjul.reports.wheel_data import Mark, Ring, RingMeeting, WheelData, wheel_data
from tests.conftest import Cli

NS = "{http://www.w3.org/2000/svg}"
START = date(2027, 1, 1)
TODAY = date(2027, 3, 1)


def sample(**changes: object) -> WheelData:
    rings = (
        Ring("BUU", "Børne- og Ungdomsudvalget", (
            RingMeeting(date(2027, 2, 1), "BUU-2027-02-01", False, 2),
            RingMeeting(date(2027, 3, 1), "BUU-2027-03-01", True),
            RingMeeting(date(2027, 9, 14), "BUU-2027-09-14", False, 3),
        )),
        Ring("KB", "Kommunalbestyrelsen", (
            RingMeeting(date(2027, 3, 24), "KB-2027-03-24", False, 1),
        )),
    )
    bookings = (
        Mark("1.2", "Læseløft", date(2027, 9, 14), "BUU", date(2027, 8, 31), "BUU-2027-09-14"),
        Mark("1.3", "Overgange", date(2027, 9, 14), "BUU", date(2027, 8, 31), "BUU-2027-09-14"),
        Mark("2", "Digital dannelse", date(2027, 9, 14), "BUU", date(2027, 8, 31),
             "BUU-2027-09-14"),
        Mark("1", "Strategien", date(2027, 3, 24), "KB", date(2027, 3, 3), "KB-2027-03-24"),
    )
    data = WheelData(year_start=START, today=TODAY, rings=rings, bookings=bookings)
    return replace(data, **changes)  # type: ignore[arg-type]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if e.get("class") == name]


def test_the_svg_is_an_image_with_a_title_and_a_text_alternative() -> None:
    root = parse(render_wheel(sample()))
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") == "0 0 1360 900"
    title = root.find(f"{NS}title")
    desc = root.find(f"{NS}desc")
    assert title is not None and title.text == "Årshjul januar 2027 – december 2027"
    assert desc is not None and desc.text is not None
    assert "4 møder (1 aflyst) i 2 organer; 4 punkter booket" in desc.text
    assert "i dag mandag den 1. marts 2027" in desc.text
    assert ("Punkt 1.2 Læseløft: BUU tirsdag den 14. september 2027, sagsfrist tirsdag den "
            "31. august 2027.") in desc.text
    assert root.get("aria-labelledby") == "wheel-title wheel-desc"


def test_one_dot_per_meeting_with_a_tooltip_and_cancelled_ones_hollow() -> None:
    root = parse(render_wheel(sample()))
    dots = by_class(root, "meeting")
    assert [d.get("data-code") for d in dots] == [
        "BUU-2027-02-01", "BUU-2027-03-01", "BUU-2027-09-14", "KB-2027-03-24"]
    tips = {d.get("data-code"): d.findtext(f"{NS}title") for d in dots}
    assert tips["BUU-2027-09-14"] == ("BUU tirsdag den 14. september 2027 — 3 punkter:\n"
                                      "1.2 Læseløft\n1.3 Overgange\n2 Digital dannelse")
    assert tips["BUU-2027-02-01"] == "BUU mandag den 1. februar 2027 — 2 punkter"
    assert tips["BUU-2027-03-01"] == "BUU mandag den 1. marts 2027 — aflyst"
    assert tips["KB-2027-03-24"] == "KB onsdag den 24. marts 2027 — 1 punkt:\n1 Strategien"
    circles = {d.get("data-code"): d.findall(f"{NS}circle") for d in dots}
    assert all(len(c) == 1 for c in circles.values())
    assert circles["BUU-2027-03-01"][0].get("fill") == "#FFFFFF"  # hollow
    assert circles["BUU-2027-09-14"][0].get("fill") != "#FFFFFF"
    assert dots[0].get("opacity") is not None  # held before today: faded
    assert dots[2].get("opacity") is None


def test_one_marker_per_booking_on_its_bodys_ring() -> None:
    root = parse(render_wheel(sample()))
    marks = by_class(root, "booking")
    assert [m.get("data-ref") for m in marks] == ["1.2", "1.3", "2", "1"]
    assert marks[0].findtext(f"{NS}title") == (
        "1.2 Læseløft — BUU tirsdag den 14. september 2027; sagsfrist tirsdag den 31. august 2027")
    labels = [t.text for t in by_class(root, "ref")]
    assert "1.2, 1.3, 2" in labels and "1" in labels


def test_the_today_hand_points_at_todays_share_of_the_year() -> None:
    root = parse(render_wheel(sample()))
    (hand,) = by_class(root, "today")
    match = re.fullmatch(r"rotate\(([-0-9.]+) ([0-9.]+) ([0-9.]+)\)", hand.get("transform", ""))
    assert match is not None
    expected = 360 * (TODAY - START).days / (date(2028, 1, 1) - START).days  # 59 of 365 days
    assert abs(float(match[1]) - expected) < 0.01
    assert (float(match[2]), float(match[3])) == (470.0, 450.0)  # around the wheel's centre
    assert hand.findtext(f"{NS}title") == "I dag: mandag den 1. marts 2027"


def test_no_hand_when_today_lies_outside_the_window() -> None:
    root = parse(render_wheel(sample(today=date(2026, 11, 23))))
    assert by_class(root, "today") == []
    assert len(by_class(root, "meeting")) == 4


def test_user_text_is_escaped_and_never_becomes_markup() -> None:
    evil = '<script>alert("x")</script> & co'
    data = sample(
        title=evil,
        rings=(Ring("BUU", "Udvalg & <b>fed</b>",
                    (RingMeeting(date(2027, 9, 14), "BUU-2027-09-14", False, 1),)),),
        bookings=(Mark("1", evil, date(2027, 9, 14), "BUU", date(2027, 8, 31),
                       "BUU-2027-09-14"),))
    svg = render_wheel(data)
    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "&amp; co" in svg
    root = parse(svg)
    assert not [e for e in root.iter() if e.tag.endswith(("script", "}b"))]
    texts = [e.text or "" for e in root.iter()]
    assert any(evil in t for t in texts)  # shown as text, exactly as typed
    assert any("Udvalg & <b>fed</b>" in t for t in texts)


def test_the_same_data_gives_the_same_bytes() -> None:
    first, second = render_wheel(sample()), render_wheel(sample())
    assert first == second
    ids = {e.get("id") for e in parse(first).iter() if e.get("id")}
    assert ids == {"wheel-title", "wheel-desc"}
    assert render_wheel(sample(today=date(2027, 3, 2))) != first


def test_english_month_names_and_words() -> None:
    root = parse(render_wheel(sample(), "en"))
    texts = [e.text for e in root.iter() if e.text]
    assert "September" in texts and "January 2027" in texts
    assert root.findtext(f"{NS}title") == "Annual wheel January 2027 – December 2027"
    tips = {d.get("data-code"): d.findtext(f"{NS}title") for d in by_class(root, "meeting")}
    assert tips["BUU-2027-09-14"] == ("BUU Tuesday 14 September 2027 — 3 items:\n1.2 Læseløft\n"
                                      "1.3 Overgange\n2 Digital dannelse")


def test_report_wheel_writes_the_file_and_prints_its_path(people: App, cli: Cli,
                                                         tmp_path: Path) -> None:
    people.meetings.add("BUU", date(2027, 4, 5))
    people.items.add("Strategi", ref="1")
    people.meetings.book("1", "BUU-2027-04-05")
    target = tmp_path / "årshjul.svg"
    result = cli("report", "wheel", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(target)
    root = ET.parse(target).getroot()
    assert len(by_class(root, "meeting")) == 1 and len(by_class(root, "booking")) == 1
    assert "Årshjul" in target.read_bytes().decode("utf-8")
    assert not list(tmp_path.glob("*.part"))
    # written as it is serialised (issue 19), byte for byte render_wheel's document
    assert target.read_bytes() == render_wheel(wheel_data(people.db, people.ctx)).encode("utf-8")


def test_report_wheel_into_a_missing_folder_is_bad_input(cli: Cli, tmp_path: Path) -> None:
    result = cli("report", "wheel", "-o", str(tmp_path / "mangler" / "hjul.svg"))
    assert result.exit_code == 2
    assert "kan ikke skrives" in result.stderr and "-o" in result.stderr


def test_report_wheel_with_a_malformed_from_date_is_bad_input(cli: Cli, tmp_path: Path) -> None:
    result = cli("report", "wheel", "-o", str(tmp_path / "hjul.svg"), "--from", "marts")
    assert result.exit_code == 2
    assert "--from" in result.stderr and "ÅÅÅÅ-MM-DD" in result.stderr
    assert not (tmp_path / "hjul.svg").exists()
